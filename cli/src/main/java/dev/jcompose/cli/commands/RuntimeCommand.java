package dev.jcompose.cli.commands;

import dev.jcompose.cli.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose runtime create|start|state|kill|delete|run|exec|list}: the container runtime driven
 * like runc over an OCI bundle. The cli does not link the runtime (it may depend only on
 * compose-model, scheduler and api), so this runs {@code dev.jcompose.runtime.oci.RuntimeCli} in a
 * JVM of the engine's class path, with this process's stdin, stdout and stderr, and exits with its code.
 */
@Command(name = "runtime", modelTransformer = ExecCommand.StopAtCommand.class,
    description = "Run containers from OCI bundles, with runc's command line (create, start, state, kill, delete, run, exec, list)",
    footer = {"", "Commands:",
        "  create [-b BUNDLE] ID   create the container; its process waits for start",
        "  start ID                run the created container's process",
        "  state ID                print its state as JSON (created, running or stopped)",
        "  kill ID [SIGNAL]        send a signal (default SIGTERM) to its process",
        "  delete [-f] ID          remove a stopped or created container (-f: kill a running one first)",
        "  run [-b BUNDLE] ID      create, start, print its output, wait, delete; exits with its status",
        "  exec ID CMD [ARG...]    run one more process in the running container",
        "  list                    list the containers",
        "", "BUNDLE is a directory with config.json (an OCI runtime spec, e.g. from `runc spec`) and its root filesystem;",
        "it defaults to the current directory. Needs root."})
public final class RuntimeCommand implements Callable<Integer> {
  static final String MAIN_CLASS = "dev.jcompose.runtime.oci.RuntimeCli";

  @Option(names = "--root", paramLabel = "DIR", description = "State of the runtime's containers (default /run/jcompose-runtime)")
  Path root;

  @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The runtime command and its arguments")
  List<String> args = new ArrayList<>();

  /** The command line of the runtime's JVM. */
  List<String> command() {
    String cp = System.getProperty("jcompose.engine.classpath");
    if (cp == null || cp.isEmpty()) {
      throw new UserFacingException("this jcompose was started without jcompose.engine.classpath, so it cannot find the runtime; "
          + "use the ./jcompose launcher");
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", cp, MAIN_CLASS));
    if (root != null) {
      cmd.add("--root");
      cmd.add(root.toAbsolutePath().toString());
    }
    cmd.addAll(args);
    return cmd;
  }

  @Override
  public Integer call() throws InterruptedException {
    List<String> cmd = command();
    Process p;
    try {
      p = new ProcessBuilder(cmd).inheritIO().start();
    } catch (IOException e) {
      throw new UserFacingException("could not start the runtime (" + cmd.get(0) + "): " + e.getMessage()
          + "; check the Java installation of this jcompose");
    }
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      throw e;
    }
  }
}
