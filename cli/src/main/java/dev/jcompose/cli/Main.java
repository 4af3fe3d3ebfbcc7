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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jcompose}: Docker Compose's commands, on jcompose's own engine. */
@Command(name = "jcompose", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = "Define and run multi-container applications, on jcompose's own container engine.",
    subcommands = {UpCommand.class, DownCommand.class, PsCommand.class, LogsCommand.class, dev.jcompose.cli.commands.ConfigCommand.class, ImageCommand.class, PullCommand.class, dev.jcompose.cli.commands.PushCommand.class, dev.jcompose.cli.commands.ImagesCommand.class, dev.jcompose.cli.commands.BuildCommand.class, dev.jcompose.cli.commands.StatsCommand.class,
        CreateCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class, KillCommand.class, dev.jcompose.cli.commands.PauseCommand.class, dev.jcompose.cli.commands.UnpauseCommand.class, RmCommand.class,
        LsCommand.class, WaitCommand.class, VolumeCommand.class, dev.jcompose.cli.commands.EventsCommand.class, dev.jcompose.cli.commands.PortCommand.class, dev.jcompose.cli.commands.TopCommand.class, dev.jcompose.cli.commands.ExecCommand.class, dev.jcompose.cli.commands.CopyCommand.class,
        dev.jcompose.cli.commands.RunCommand.class,
        EngineCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Mixin
  public GlobalOptions global = new GlobalOptions();

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
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
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorReporter(stacktrace));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    Main main = cli.getCommand();
    cli.setExecutionStrategy(main::applyGlobals);
    return cli.execute(args);
  }
}
