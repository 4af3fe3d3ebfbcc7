package dev.jcompose.image.pull;

/** Receives the steps of a pull as they happen, from the downloading threads (so it must be thread-safe). */
@FunctionalInterface
public interface PullListener {
  PullListener NONE = p -> { };

  void onProgress(PullProgress progress);
}
