package dev.jcompose.network;

import dev.jcompose.linux.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in container for root tests: {@code unshare -n busybox sleep} gives a process in a new,
 * empty network namespace (only lo, down) whose pid we know, since unshare execs into sleep.
 * Processes started inside ({@code httpd}) are ours too and die with {@link #close()}.
 */
final class NetnsProcess implements AutoCloseable {

  private final Process sleeper;
  private final List<Process> inside = new ArrayList<>();

  private NetnsProcess(Process sleeper) {
    this.sleeper = sleeper;
  }

  static NetnsProcess start() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("unshare", "-n", "busybox", "sleep", "300")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    NetnsProcess n = new NetnsProcess(p);
    String hostNs = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try {
        String ns = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns", "net")).toString();
        String comm = Files.readString(Path.of("/proc", Long.toString(p.pid()), "comm")).strip();
        if (!ns.equals(hostNs) && comm.equals("busybox")) {
          return n; // unshared and exec'd into sleep
        }
      } catch (IOException e) {
        // not there yet or already gone: checked below
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("`unshare -n busybox sleep` exited with " + p.exitValue());
      }
      Thread.sleep(1);
    }
    n.close();
    throw new IllegalStateException("`unshare -n busybox sleep` did not reach its own network namespace within 5 s");
  }

  long pid() {
    return sleeper.pid();
  }

  Path netnsFile() {
    return Path.of("/proc", Long.toString(pid()), "ns", "net");
  }

  /** Runs a program in this network namespace (mount namespace and files are the host's). */
  HostCommand.Result run(String... argv) {
    return HostCommand.runAllowingFailure(nsenter(argv), null);
  }

  /** Starts a long-running program in this network namespace (busybox httpd -f, say). */
  Process startInside(String... argv) throws IOException {
    Process p = new ProcessBuilder(nsenter(argv)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    inside.add(p);
    return p;
  }

  /** The interface names in this namespace, from {@code ip -o link}. */
  List<String> linkNames() {
    List<String> names = new ArrayList<>();
    for (String line : run("ip", "-o", "link", "show").stdout().split("\n")) {
      String[] f = line.split(":\\s+");
      if (f.length > 1) {
        names.add(f[1].split("@")[0]);
      }
    }
    return names;
  }

  @Override
  public void close() {
    for (Process p : inside) {
      destroy(p);
    }
    destroy(sleeper);
  }

  private static void destroy(Process p) {
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> nsenter(String... argv) {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid()), "-n"));
    cmd.addAll(List.of(argv));
    return cmd;
  }
}
