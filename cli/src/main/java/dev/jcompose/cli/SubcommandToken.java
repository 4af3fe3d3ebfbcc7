package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Finds which subcommand a command line names, before picocli parses it: the first argument
 * that is not one of {@code jcompose}'s own options or an option's value.
 */
final class SubcommandToken {
  private SubcommandToken() {}

  /**
   * The subcommand's name as typed, or empty when there is none, when help or version is asked
   * for before it, or when an option comes first that the top-level command does not know (its
   * arity is then unknown).
   */
  static Optional<String> find(CommandSpec top, String[] args) {
    if (args == null) {
      return Optional.empty();
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return Optional.empty();
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        return Optional.of(arg);
      }
      int eq = arg.indexOf('=');
      OptionSpec option = top.findOption(eq > 0 ? arg.substring(0, eq) : arg);
      if (option == null || option.usageHelp() || option.versionHelp()) {
        return Optional.empty();
      }
      if (eq < 0 && option.arity().max() > 0) {
        i++; // the option's value
      }
    }
    return Optional.empty();
  }

  /** The name and aliases a subcommand class declares in its {@code @Command}. */
  static List<String> names(Class<?> command) {
    Command c = command.getAnnotation(Command.class);
    List<String> names = new ArrayList<>();
    if (c != null) {
      names.add(c.name());
      names.addAll(Arrays.asList(c.aliases()));
    }
    return names;
  }
}
