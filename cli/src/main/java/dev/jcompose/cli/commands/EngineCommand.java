package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.engine.EngineLocation;
import dev.jcompose.cli.engine.EngineStarter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jcompose engine run|start|stop|status}: the engine daemon. */
@Command(name = "engine", description = "Run or stop the jcompose engine (the daemon that runs containers)",
    subcommands = {EngineCommand.Run.class, EngineCommand.Start.class, EngineCommand.Stop.class, EngineCommand.Status.class, EngineCommand.Reset.class})
public final class EngineCommand implements Runnable {
  @ParentCommand
  dev.jcompose.cli.Main main;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Foreground, for systemd and debugging. */
  @Command(name = "run", description = "Run the engine in the foreground")
  public static final class Run implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    EngineCommand parent;

    GlobalOptions global() {
      return parent.main.global;
    }

    @Override
    public Integer call() throws Exception {
      EngineLocation loc = global().engineLocation();
      if (new EngineClient(loc.socket()).ping()) {
        throw new UserFacingException("an engine already answers on " + loc.socket() + "; stop it first with `jcompose engine stop`");
      }
      Process p = new ProcessBuilder(new EngineStarter(loc).engineCommand()).inheritIO().start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      return p.waitFor();
    }
  }

  /** Background, as the other commands do on demand. */
  @Command(name = "start", description = "Start the engine in the background, unless one is running")
  public static final class Start implements Runnable {
    @ParentCommand
    EngineCommand parent;

    GlobalOptions global() {
      return parent.main.global;
    }

    @Override
    public void run() {
      EngineLocation loc = global().engineLocation();
      new EngineStarter(loc).connect();
      System.out.println("engine running on unix://" + loc.socket() + " (pid " + pid(loc).map(String::valueOf).orElse("?") + ")");
    }
  }

  /** Stops the engine; containers keep running. */
  @Command(name = "stop", description = "Stop the engine (containers keep running)")
  public static final class Stop implements Runnable {
    @ParentCommand
    EngineCommand parent;

    GlobalOptions global() {
      return parent.main.global;
    }

    @Override
    public void run() {
      stopAt(global().engineLocation());
    }

    void stopAt(EngineLocation loc) {
      Optional<Long> pid = pid(loc);
      if (pid.isEmpty() || ProcessHandle.of(pid.get()).isEmpty()) {
        System.out.println("no engine is running for " + loc.root());
        return;
      }
      ProcessHandle h = ProcessHandle.of(pid.get()).get();
      if (!h.info().commandLine().orElse("").contains("dev.jcompose.engine.EngineMain")) {
        throw new UserFacingException("the pid file " + loc.pidFile() + " names process " + pid.get()
            + ", which is not a jcompose engine; remove the stale pid file");
      }
      h.destroy();
      try {
        h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new UserFacingException("the engine (pid " + pid.get() + ") did not stop within 15 s");
      }
      System.out.println("engine stopped");
    }
  }

  /**
   * Removes everything the engine made on this host — containers (killed), their anonymous and
   * named volumes, every network with its bridge and rules (the default {@code bridge} too) — then
   * stops it. Images stay. For a clean slate, and for tests that must leave the host as they found it.
   */
  @Command(name = "reset", description = "Remove all containers, networks and volumes of the engine, then stop it (images stay)")
  public static final class Reset implements Runnable {
    @ParentCommand
    EngineCommand parent;

    @picocli.CommandLine.Option(names = {"-f", "--force"}, description = "Do not ask (required when stdin is not a terminal)")
    boolean force;

    @Override
    public void run() {
      EngineLocation loc = parent.main.global.engineLocation();
      if (!force) {
        throw new UserFacingException("engine reset removes every container, network and volume of the engine at " + loc.root()
            + "; run it again with --force to go ahead");
      }
      dev.jcompose.api.client.EngineClient engine = new EngineStarter(loc).connect();
      java.util.List<String> failures = new java.util.ArrayList<>();
      int containers = 0;
      int networks = 0;
      int volumes = 0;
      for (var c : engine.listContainers(true, java.util.List.of())) {
        try {
          engine.removeContainer(c.id(), true, true);
          containers++;
        } catch (RuntimeException e) {
          failures.add("container " + c.name() + ": " + e.getMessage());
        }
      }
      for (var n : engine.listNetworks(java.util.List.of())) {
        try {
          engine.removeNetwork(n.id());
          networks++;
        } catch (RuntimeException e) {
          failures.add("network " + n.name() + ": " + e.getMessage());
        }
      }
      for (var v : engine.listVolumes(java.util.List.of())) {
        try {
          engine.removeVolume(v.name(), true);
          volumes++;
        } catch (RuntimeException e) {
          failures.add("volume " + v.name() + ": " + e.getMessage());
        }
      }
      System.out.println("removed " + containers + " containers, " + networks + " networks, " + volumes + " volumes");
      new Stop().stopAt(loc);
      if (!failures.isEmpty()) {
        throw new UserFacingException("engine reset left some things behind:\n  " + String.join("\n  ", failures));
      }
    }
  }

  /** Says whether an engine answers. */
  @Command(name = "status", description = "Say whether the engine is running")
  public static final class Status implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    EngineCommand parent;

    GlobalOptions global() {
      return parent.main.global;
    }

    @Override
    public Integer call() {
      EngineLocation loc = global().engineLocation();
      boolean up = new EngineClient(loc.socket()).ping();
      System.out.println(up ? "running on unix://" + loc.socket() : "not running (" + loc.socket() + ")");
      return up ? 0 : 3;
    }
  }

  static Optional<Long> pid(EngineLocation loc) {
    try {
      return Optional.of(Long.parseLong(Files.readString(loc.pidFile()).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
