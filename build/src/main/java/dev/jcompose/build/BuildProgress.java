package dev.jcompose.build;

/**
 * What a build tells its client as it goes, in the classic builder's words:
 * <pre>
 * Step 2/5 : RUN apt-get update        step
 *  ---> Running in 3f2a1b0c9d8e         info
 * Get:1 http://deb.debian.org ...       output (the RUN container's stdout and stderr)
 *  ---> 5e6f7a8b9c0d                    info
 * </pre>
 */
public interface BuildProgress {
  void step(String text);

  void info(String text);

  /** A chunk of a RUN step's output, newline included. */
  void output(String text);

  /** A warning ({@code [Warning] ...}). */
  default void warning(String text) {
    info("[Warning] " + text);
  }

  BuildProgress SILENT = new BuildProgress() {
    @Override
    public void step(String text) {}

    @Override
    public void info(String text) {}

    @Override
    public void output(String text) {}
  };
}
