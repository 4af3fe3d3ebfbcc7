package dev.jcompose.image.pull;

/**
 * One step of a pull, in Docker's words ("Pulling fs layer", "Downloading", "Download complete",
 * "Extracting", "Pull complete", "Already exists", "Digest: …", "Status: …").
 *
 * @param id the short layer digest the step is about, or the tag / null for the whole image
 * @param current bytes done, or -1 when the step has no byte count
 * @param total bytes in all, or -1
 */
public record PullProgress(String status, String id, long current, long total) {

  public static PullProgress of(String status, String id) {
    return new PullProgress(status, id, -1, -1);
  }

  public boolean hasBytes() {
    return current >= 0;
  }
}
