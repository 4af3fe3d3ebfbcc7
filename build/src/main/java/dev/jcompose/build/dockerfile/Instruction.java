package dev.jcompose.build.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One Dockerfile instruction as parsed: values are kept as written (quotes and {@code $VARS}
 * included) wherever Docker expands them later with the build's ARGs and ENVs
 * ({@link WordExpander}); the builder expands them when it reaches the step.
 *
 * <p>{@link #line()} is the 1-based line of the instruction's keyword; {@link #text()} the
 * instruction as written, continuation lines joined, comment lines inside it dropped and
 * heredoc bodies appended, which is what build output shows and what the cache keys on.
 */
public sealed interface Instruction {
  int line();

  String text();

  /** The instruction's keyword in upper case ({@code RUN}, {@code COPY}, ...). */
  default String keyword() {
    String t = text().strip();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++; // keywords may be followed by a tab ("FROM\tubuntu") or a newline, not only a space
    }
    return t.substring(0, end).toUpperCase(java.util.Locale.ROOT);
  }

  /** {@code FROM [--platform=P] image [AS name]}; {@code stageName} lower case or null. */
  record From(int line, String text, String image, String stageName, String platform) implements Instruction {}

  /** {@code RUN [--mount=…] [--network=…] [--security=…] command}. */
  record Run(int line, String text, Command command, List<RunMount> mounts, String network, String security) implements Instruction {
    public Run {
      mounts = List.copyOf(mounts);
    }
  }

  /**
   * {@code COPY} or ({@code add}) {@code ADD}: {@code sources} as written (context paths, globs,
   * URLs for ADD), or {@code heredocs} for inline files ({@code COPY <<EOF /dest}).
   */
  record Copy(int line, String text, boolean add, List<String> sources, List<Heredoc> heredocs, String destination,
      String from, String chown, String chmod, boolean link, List<String> excludes, String checksum, boolean keepGitDir)
      implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
      heredocs = List.copyOf(heredocs);
      excludes = List.copyOf(excludes);
      Objects.requireNonNull(destination, "destination");
    }
  }

  record Env(int line, String text, List<KeyValue> pairs) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }
  }

  record Arg(int line, String text, List<ArgDefinition> definitions) implements Instruction {
    public Arg {
      definitions = List.copyOf(definitions);
    }
  }

  record Workdir(int line, String text, String path) implements Instruction {}

  record User(int line, String text, String user) implements Instruction {}

  record Expose(int line, String text, List<String> ports) implements Instruction {
    public Expose {
      ports = List.copyOf(ports);
    }
  }

  record Volume(int line, String text, List<String> paths) implements Instruction {
    public Volume {
      paths = List.copyOf(paths);
    }
  }

  record Label(int line, String text, List<KeyValue> pairs) implements Instruction {
    public Label {
      pairs = List.copyOf(pairs);
    }
  }

  record Cmd(int line, String text, Command command) implements Instruction {}

  record Entrypoint(int line, String text, Command command) implements Instruction {}

  /**
   * {@code HEALTHCHECK NONE} ({@code test} null) or {@code HEALTHCHECK [OPTIONS] CMD command};
   * options not given are null.
   */
  record Healthcheck(int line, String text, Command test, Duration interval, Duration timeout, Duration startPeriod,
      Duration startInterval, Integer retries) implements Instruction {
    public boolean none() {
      return test == null;
    }
  }

  record StopSignal(int line, String text, String signal) implements Instruction {}

  /** {@code ONBUILD trigger}: the trigger instruction's text, run when a later build uses this image in FROM. */
  record OnBuild(int line, String text, String trigger) implements Instruction {}

  /** Deprecated; the builder turns it into the {@code maintainer} label's author field, as Docker does. */
  record Maintainer(int line, String text, String name) implements Instruction {}

  /** {@code SHELL ["executable", "params"]}. */
  record Shell(int line, String text, List<String> shell) implements Instruction {
    public Shell {
      shell = List.copyOf(shell);
    }
  }
}
