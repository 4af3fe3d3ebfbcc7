package dev.jcompose.build.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Dockerfile: the ARGs before the first FROM ({@code globalArgs}, usable in FROM
 * lines) and the stages. {@code source} names the file in messages; {@code escape} is the
 * escape character ({@code \} or, by the {@code # escape=`} directive, a backtick).
 */
public record Dockerfile(String source, char escape, List<Instruction.Arg> globalArgs, List<Stage> stages) {
  public Dockerfile {
    globalArgs = List.copyOf(globalArgs);
    stages = List.copyOf(stages);
  }

  /** The stage named {@code nameOrIndex} (case-insensitive) or with that index. */
  public Optional<Stage> stage(String nameOrIndex) {
    String wanted = nameOrIndex.toLowerCase(Locale.ROOT);
    for (Stage s : stages) {
      if (wanted.equals(s.name())) {
        return Optional.of(s);
      }
    }
    if (wanted.matches("[0-9]+")) {
      int i = Integer.parseInt(wanted);
      if (i < stages.size()) {
        return Optional.of(stages.get(i));
      }
    }
    return Optional.empty();
  }
}
