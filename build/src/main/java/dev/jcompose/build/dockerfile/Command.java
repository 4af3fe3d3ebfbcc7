package dev.jcompose.build.dockerfile;

import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD. Exec form ({@code ["a","b"]}):
 * {@code args} as given. Shell form: one element, the script, which the builder runs with the
 * stage's SHELL ({@code /bin/sh -c} by default); for a RUN with heredocs the script holds them
 * (or, for {@code RUN <<EOF} alone, is the heredoc's body).
 */
public record Command(List<String> args, boolean shellForm) {
  public Command {
    args = List.copyOf(args);
    if (shellForm && args.size() != 1) {
      throw new IllegalArgumentException("a shell-form command is one script, got " + args);
    }
  }

  public static Command shell(String script) {
    return new Command(List.of(script), true);
  }

  public static Command exec(List<String> args) {
    return new Command(args, false);
  }
}
