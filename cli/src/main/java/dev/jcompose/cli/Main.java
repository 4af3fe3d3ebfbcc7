package dev.jcompose.cli;

import dev.jcompose.cli.commands.CreateCommand;
import dev.jcompose.cli.commands.DownCommand;
import dev.jcompose.cli.commands.KillCommand;
import dev.jcompose.cli.commands.LsCommand;
import dev.jcompose.cli.commands.RestartCommand;
import dev.jcompose.cli.commands.RmCommand;
import dev.jcompose.cli.commands.StartCommand;
import dev.jcompose.cli.commands.StopCommand;
import dev.jcompose.cli.commands.VolumeCommand;
import dev.jcompose.cli.commands.WaitCommand;
import dev.jcompose.cli.commands.EngineCommand;
import dev.jcompose.cli.commands.ImageCommand;
import dev.jcompose.cli.commands.LogsCommand;
import dev.jcompose.cli.commands.PsCommand;
import dev.jcompose.cli.commands.PullCommand;
import dev.jcompose.cli.commands.UpCommand;
import dev.jcompose.cli.commands.VersionCommand;
import dev.jcompose.cli.commands.BuildCommand;
import dev.jcompose.cli.commands.ConfigCommand;
import dev.jcompose.cli.commands.CopyCommand;
import dev.jcompose.cli.commands.EventsCommand;
import dev.jcompose.cli.commands.ExecCommand;
import dev.jcompose.cli.commands.ImagesCommand;
import dev.jcompose.cli.commands.PauseCommand;
import dev.jcompose.cli.commands.PortCommand;
import dev.jcompose.cli.commands.PushCommand;
import dev.jcompose.cli.commands.RunCommand;
import dev.jcompose.cli.commands.StatsCommand;
import dev.jcompose.cli.commands.TopCommand;
import dev.jcompose.cli.commands.UnpauseCommand;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jcompose}: Docker Compose's commands, on jcompose's own engine. */
@Command(name = "jcompose", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = "Define and run multi-container applications, on jcompose's own container engine.")
public final class Main implements Runnable {
  /** The subcommands, in the order {@code jcompose --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(UpCommand.class, DownCommand.class, PsCommand.class, LogsCommand.class,
      ConfigCommand.class, ImageCommand.class, PullCommand.class, PushCommand.class, ImagesCommand.class, BuildCommand.class,
      StatsCommand.class, CreateCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class, KillCommand.class,
      PauseCommand.class, UnpauseCommand.class, RmCommand.class, LsCommand.class, WaitCommand.class, VolumeCommand.class,
      EventsCommand.class, PortCommand.class, TopCommand.class, ExecCommand.class, CopyCommand.class, RunCommand.class,
      EngineCommand.class, dev.jcompose.cli.commands.RuntimeCommand.class, VersionCommand.class, CommandLine.HelpCommand.class);

  @Mixin
  public GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /** Applies global options that shape every command, before it runs. */
  int applyGlobals(CommandLine.ParseResult parsed) {
    try {
      dev.jcompose.cli.compose.ServiceTasks.setParallelLimit(global.parallelLimit());
    } catch (UserFacingException e) {
      System.err.println("error: " + e.getMessage());
      return ErrorReporter.EXIT_FAILURE;
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    boolean stacktrace = java.util.Arrays.asList(args).contains("--stacktrace");
    CommandLine cli = commandLine(args);
    cli.setExecutionExceptionHandler(new ErrorReporter(stacktrace));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    Main main = cli.getCommand();
    cli.setExecutionStrategy(main::applyGlobals);
    return cli.execute(args);
  }

  /** The whole command tree: {@code jcompose} with every subcommand. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    SUBCOMMANDS.forEach(c -> addSubcommand(cli, c));
    return cli;
  }

  /**
   * The command tree that {@code args} need: {@code jcompose} with only the subcommand they name
   * when they name one, else (no subcommand, help, an option or name it does not know) every
   * subcommand, so that help and picocli's suggestions see them all. Picocli reflects over a
   * subcommand's options when it is added; adding only the one that runs saves about a quarter of a
   * second of every command's start-up here.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    Optional<Class<?>> named = SubcommandToken.find(cli.getCommandSpec(), args)
        .flatMap(name -> SUBCOMMANDS.stream().filter(c -> SubcommandToken.names(c).contains(name)).findFirst());
    if (named.isPresent() && named.get() != CommandLine.HelpCommand.class) {
      addSubcommand(cli, named.get());
    } else {
      SUBCOMMANDS.forEach(c -> addSubcommand(cli, c));
    }
    return cli;
  }

  /** Through {@code new CommandLine(class)}, which applies the subcommand's model transformer (picocli's addSubcommand(Object) does not). */
  private static void addSubcommand(CommandLine cli, Class<?> command) {
    CommandLine sub = new CommandLine(command);
    withHelpOption(sub);
    cli.addSubcommand(sub);
  }

  /**
   * {@code -h}/{@code --help} on every subcommand that has no help option of its own, as Compose's
   * commands all have (picocli's standard help mixin would also bring {@code -V}, which is
   * {@code up}'s {@code --renew-anon-volumes}).
   */
  static void withHelpOption(CommandLine command) {
    CommandLine.Model.CommandSpec spec = command.getCommandSpec();
    if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
      String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
      spec.addOption(CommandLine.Model.OptionSpec.builder(names).usageHelp(true)
          .description("Show this help message and exit.").build());
    }
    command.getSubcommands().values().forEach(Main::withHelpOption);
  }
}
