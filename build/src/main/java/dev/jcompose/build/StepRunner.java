package dev.jcompose.build;

/** Runs a RUN step's container to its end. */
public interface StepRunner {
  /**
   * Runs {@code step}, giving its output to {@code progress} as it comes, and returns its exit
   * code once it has exited and its upper dir is in {@link RunStep#diffDir()}.
   *
   * @throws BuildException when the container could not be started (the runtime's reason)
   */
  int run(RunStep step, BuildProgress progress);
}
