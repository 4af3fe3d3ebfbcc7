package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.linux.proc.Signals;
import dev.jcompose.runtime.ContainerLogReader;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ContainerSpec;
import dev.jcompose.runtime.ContainerStateException;
import dev.jcompose.runtime.ExecProcess;
import dev.jcompose.runtime.ExecSpec;
import dev.jcompose.runtime.ExitStatus;
import dev.jcompose.runtime.PreparedContainer;
import dev.jcompose.runtime.RunningContainer;
import dev.jcompose.runtime.RuntimeSetupException;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code jcompose runtime}: the runtime driven like runc, over an OCI bundle.
 *
 * <pre>
 * [--root DIR] create [-b BUNDLE] ID | start ID | state ID | kill ID [SIGNAL] | delete [-f] ID
 *              | run [-b BUNDLE] ID | exec ID CMD... | list
 * </pre>
 *
 * A created container's init waits, held by a small detached JVM (the "shim", this class with
 * {@code __shim}) that {@code start} and {@code delete} talk to over a unix socket; once started
 * the shim exits and the container's jc-helper monitor writes its log and exit status.
 */
public final class RuntimeCli {
  public static final Path DEFAULT_ROOT = Path.of("/run/jcompose-runtime");
  static final String OCI_VERSION = "1.0.2";
  private static final String USAGE = String.join("\n",
      "usage: jcompose runtime [--root DIR] COMMAND",
      "  create [-b BUNDLE] [--pid-file FILE] ID   create the container; its process waits for start",
      "  start ID                run the created container's process",
      "  state ID                print its state as JSON (created, running or stopped)",
      "  kill ID [SIGNAL]        send a signal (default SIGTERM) to its process",
      "  delete [-f] ID          remove a stopped or created container (-f: kill a running one first)",
      "  run [-b BUNDLE] [--pid-file FILE] ID      create, start, print its output, wait, delete; exits with its status",
      "  exec ID CMD [ARG...]    run one more process in the running container",
      "  list                    list the containers",
      "BUNDLE defaults to the current directory; --root (state) defaults to " + DEFAULT_ROOT + ".");

  /** As runc's json.MarshalIndent: {@code "key": value}, two spaces. */
  private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter PRETTY =
      new com.fasterxml.jackson.core.util.DefaultPrettyPrinter().withSeparators(com.fasterxml.jackson.core.util.Separators
          .createDefaultInstance().withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));

  private final Path root;
  private final PrintStream out;
  private final PrintStream err;
  private ContainerRuntime runtime;
  /** {@code --pid-file} of create and run: the init's host pid is written there, as runc does. */
  private Path pidFile;

  RuntimeCli(Path root, PrintStream out, PrintStream err) {
    this.root = root.toAbsolutePath().normalize();
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command; returns the exit code. Errors are one line on {@code err}, never a stack trace. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    Path root = DEFAULT_ROOT;
    try {
      while (!args.isEmpty() && args.get(0).startsWith("-")) {
        String a = args.remove(0);
        if (a.equals("--root")) {
          root = Path.of(need(args, "--root DIR"));
        } else if (a.startsWith("--root=")) {
          root = Path.of(a.substring(7));
        } else if (a.equals("-h") || a.equals("--help")) {
          out.println(USAGE);
          return 0;
        } else if (a.equals("--debug") || a.equals("--systemd-cgroup")) {
          // accepted for runc compatibility
        } else if (a.equals("--log") || a.equals("--log-format")) {
          need(args, a + " VALUE"); // accepted for runc compatibility (containerd passes them)
        } else {
          throw new UsageException("unknown global option " + a);
        }
      }
      if (args.isEmpty()) {
        err.println(USAGE);
        return 2;
      }
      String command = args.remove(0);
      RuntimeCli cli = new RuntimeCli(root, out, err);
      return switch (command) {
        case "create" -> cli.create(args);
        case "start" -> cli.start(args);
        case "state" -> cli.state(args);
        case "kill" -> cli.kill(args);
        case "delete" -> cli.delete(args);
        case "run" -> cli.runCommand(args);
        case "exec" -> cli.exec(args);
        case "list", "ps" -> cli.list(args);
        case "__shim" -> cli.shim(args);
        case "help" -> {
          out.println(USAGE);
          yield 0;
        }
        default -> throw new UsageException("unknown command \"" + command + "\"");
      };
    } catch (UsageException e) {
      err.println("jcompose runtime: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (OciSpecException | RuntimeSetupException | ContainerStateException | IllegalArgumentException | IllegalStateException e) {
      err.println("jcompose runtime: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("jcompose runtime: " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("jcompose runtime: interrupted");
      return 130;
    } catch (RuntimeException e) {
      err.println("jcompose runtime: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 1;
    }
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  private static String need(List<String> args, String what) {
    if (args.isEmpty()) {
      throw new UsageException(what + ": a value is missing");
    }
    return args.remove(0);
  }

  /** Parses {@code [-b|--bundle DIR] ID} in any order. */
  private String[] bundleAndId(List<String> args, String command) {
    String bundle = ".";
    String id = null;
    while (!args.isEmpty()) {
      String a = args.remove(0);
      if (a.equals("-b") || a.equals("--bundle")) {
        bundle = need(args, a + " DIR");
      } else if (a.startsWith("--bundle=")) {
        bundle = a.substring(9);
      } else if (a.equals("-d") || a.equals("--detach") || a.equals("--no-pivot") || a.equals("--no-new-keyring")) {
        if (command.equals("run") && !a.equals("--no-pivot") && !a.equals("--no-new-keyring")) {
          throw new UsageException("run --detach is not supported; use create then start");
        }
      } else if (a.equals("--pid-file")) {
        pidFile = Path.of(need(args, a + " FILE")).toAbsolutePath();
      } else if (a.startsWith("--pid-file=")) {
        pidFile = Path.of(a.substring(11)).toAbsolutePath();
      } else if (a.equals("--console-socket")) {
        throw new UsageException("--console-socket " + need(args, a + " VALUE") + ": terminals are not supported");
      } else if (a.startsWith("-")) {
        throw new UsageException(command + ": unknown option " + a);
      } else if (id == null) {
        id = a;
      } else {
        throw new UsageException(command + ": unexpected argument " + a);
      }
    }
    if (id == null) {
      throw new UsageException(command + ": the container ID is missing");
    }
    return new String[] {Path.of(bundle).toAbsolutePath().normalize().toString(), id};
  }

  private static String onlyId(List<String> args, String command) {
    if (args.size() != 1 || args.get(0).startsWith("-")) {
      throw new UsageException(command + " takes one container ID");
    }
    return args.get(0);
  }

  Path stateDir(String id) {
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException("container id \"" + id + "\" must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    return root.resolve("containers").resolve(id);
  }

  private Path socket(String id) {
    // sun_path is 108 bytes: a short name under the root, not the state dir
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return root.resolve("sock").resolve(HexFormat.of().formatHex(digest, 0, 8) + ".sock");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ContainerRuntime runtime() {
    if (runtime == null) {
      runtime = new ContainerRuntime(root);
    }
    return runtime;
  }

  private OciState load(String id) throws IOException {
    Path dir = stateDir(id);
    if (!Files.exists(dir.resolve(OciState.FILE))) {
      throw new ContainerStateException("container \"" + id + "\" does not exist (no " + dir.resolve(OciState.FILE)
          + "); see `jcompose runtime --root " + root + " list`", null);
    }
    return OciState.read(dir);
  }

  /** Translates bundle/config.json for container {@code id}, printing the warnings. */
  private ContainerSpec translate(String bundle, String id, boolean quiet) {
    OciSpec oci = OciSpec.read(Path.of(bundle));
    OciTranslator.Result r = OciTranslator.translate(oci, Path.of(bundle), id, stateDir(id));
    if (!quiet) {
      r.warnings().forEach(w -> err.println("jcompose runtime: warning: " + w));
    }
    return r.spec();
  }

  private Path newStateDir(String id) throws IOException {
    Path dir = stateDir(id);
    if (Files.exists(dir.resolve(OciState.FILE))) {
      throw new ContainerStateException("container \"" + id + "\" already exists in " + dir
          + "; delete it first (`jcompose runtime delete -f " + id + "`) or choose another ID", null);
    }
    Files.createDirectories(dir);
    return dir;
  }

  private static OciState initialState(ContainerSpec spec, String bundle) {
    return new OciState(spec.id(), bundle, spec.lowerDirs().get(0).toString(), Instant.now().toString(), 0, 0, 0,
        spec.env(), spec.workingDir(), spec.uid(), spec.gid(), 0);
  }

  // ---- create / start, through the shim

  int create(List<String> args) throws IOException, InterruptedException {
    String[] bi = bundleAndId(args, "create");
    String bundle = bi[0];
    String id = bi[1];
    ContainerSpec spec = translate(bundle, id, false); // config errors are reported here, before anything is made
    Path dir = newStateDir(id);
    initialState(spec, bundle).write(dir);
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
      cmd.add("setsid"); // its own session: a Ctrl-C meant for the caller must not take the container along
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-Xss512k"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RuntimeCli.class.getName(), "--root", root.toString(),
        "__shim", bundle, id));
    Process shim = new ProcessBuilder(cmd)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("shim.log").toFile()))
        .start();
    String line;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(shim.getInputStream(), StandardCharsets.UTF_8))) {
      line = r.readLine();
    }
    if (line != null && line.startsWith("created ")) {
      writePidFile(Long.parseLong(line.substring(8).strip()));
      return 0;
    }
    shim.waitFor(10, TimeUnit.SECONDS);
    removeStateDir(dir);
    String why = line != null && line.startsWith("error ") ? line.substring(6)
        : "its holder process exited (" + (shim.isAlive() ? "still running" : "status " + shim.exitValue()) + ") before the container was created; see "
            + dir.resolve("shim.log");
    err.println("jcompose runtime: create " + id + ": " + why);
    return 1;
  }

  /** The detached process that holds a created container until start or delete. */
  int shim(List<String> args) throws IOException {
    String bundle = args.get(0);
    String id = args.get(1);
    Path dir = stateDir(id);
    PrintStream reply = System.out;
    ContainerSpec spec;
    PreparedContainer prepared;
    try {
      spec = translate(bundle, id, true);
      prepared = runtime().prepare(spec);
    } catch (RuntimeException e) {
      reply.println("error " + oneLine(e.getMessage()));
      reply.flush();
      return 1;
    }
    Path sock = socket(id);
    Files.createDirectories(sock.getParent());
    Files.deleteIfExists(sock);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      OciState state = OciState.read(dir).withPids(prepared.pid(), ProcessHandle.current().pid(), 0);
      state.write(dir);
      reply.println("created " + prepared.pid());
      reply.flush();
      reply.close(); // the caller of create reads to here and exits
      while (true) {
        try (SocketChannel c = server.accept()) {
          BufferedReader in = new BufferedReader(Channels.newReader(c, StandardCharsets.UTF_8));
          String request = in.readLine();
          if ("start".equals(request)) {
            try {
              RunningContainer running = prepared.start();
              state.withPids(running.pid(), 0, running.monitorPid()).write(dir);
              answer(c, "started " + running.monitorPid());
            } catch (RuntimeException e) {
              state.withPids(0, 0, 0).write(dir);
              answer(c, "error " + oneLine(e.getMessage()));
            }
            return 0;
          } else if ("abort".equals(request)) {
            prepared.abort();
            state.withPids(0, 0, 0).write(dir);
            answer(c, "aborted");
            return 0;
          } else {
            answer(c, "error unknown request " + request);
          }
        }
      }
    } finally {
      Files.deleteIfExists(sock);
    }
  }

  private void writePidFile(long pid) throws IOException {
    if (pidFile != null) {
      Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
      Files.writeString(tmp, Long.toString(pid));
      Files.move(tmp, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void answer(SocketChannel c, String line) throws IOException {
    c.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replace('\n', ' ');
  }

  /** Sends {@code request} to the shim of {@code id}; its one-line answer. */
  private String askShim(String id, String request) throws IOException {
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket(id)))) {
      answer(c, request);
      BufferedReader in = new BufferedReader(Channels.newReader(c, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        throw new IOException("the process holding container " + id + " closed the connection without an answer; see "
            + stateDir(id).resolve("shim.log"));
      }
      return line;
    }
  }

  int start(List<String> args) throws IOException {
    String id = onlyId(args, "start");
    OciState s = load(id);
    String status = status(s);
    if (!status.equals("created")) {
      throw new ContainerStateException("cannot start container " + id + ": it is " + status + ", not created"
          + (status.equals("stopped") ? "; delete it and create it again" : ""), null);
    }
    String answer = askShim(id, "start");
    if (answer.startsWith("started ")) {
      return 0;
    }
    err.println("jcompose runtime: start " + id + ": " + (answer.startsWith("error ") ? answer.substring(6) : answer));
    return 1;
  }

  // ---- state, list

  /** created, running or stopped, as runc. */
  String status(OciState s) {
    Path dir = stateDir(s.id());
    if (Files.exists(dir.resolve("exit.json")) || s.pid() <= 0) {
      return "stopped";
    }
    if (!s.initAlive()) {
      return "stopped";
    }
    if (s.monitorPid() == 0) {
      return s.shimPid() > 0 && alive(s.shimPid()) ? "created" : "stopped";
    }
    return "running";
  }

  /** Field 22 of /proc/PID/stat (start time in clock ticks after boot); -1 when the process is gone. */
  static long startTime(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[19]); // fields from 3 (state) on
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The process exists and is not a zombie. */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  ObjectNode stateJson(OciState s) {
    String status = status(s);
    ObjectNode n = OciSpec.json().createObjectNode();
    n.put("ociVersion", OCI_VERSION);
    n.put("id", s.id());
    n.put("pid", status.equals("stopped") ? 0 : s.pid());
    n.put("status", status);
    n.put("bundle", s.bundle());
    n.put("rootfs", s.rootfs());
    n.put("created", s.created());
    n.put("owner", "");
    return n;
  }

  int state(List<String> args) throws IOException {
    String id = onlyId(args, "state");
    out.println(OciSpec.json().writer(PRETTY).writeValueAsString(stateJson(load(id))));
    return 0;
  }

  int list(List<String> args) throws IOException {
    boolean json = args.equals(List.of("--format", "json")) || args.equals(List.of("-f", "json")) || args.equals(List.of("--format=json"));
    if (!json && !args.isEmpty() && !args.equals(List.of("--format", "table")) && !args.equals(List.of("-q"))) {
      throw new UsageException("list takes no arguments but --format json|table or -q");
    }
    List<OciState> states = new ArrayList<>();
    Path containers = root.resolve("containers");
    if (Files.isDirectory(containers)) {
      try (Stream<Path> dirs = Files.list(containers)) {
        for (Path d : dirs.sorted().toList()) {
          try {
            states.add(OciState.read(d));
          } catch (IOException e) {
            // being created or deleted right now
          }
        }
      }
    }
    if (json) {
      var array = OciSpec.json().createArrayNode();
      states.forEach(s -> array.add(stateJson(s)));
      out.println(OciSpec.json().writeValueAsString(array));
    } else if (args.equals(List.of("-q"))) {
      states.forEach(s -> out.println(s.id()));
    } else {
      String format = "%-24s %-8s %-8s %-40s %s%n";
      out.printf(format, "ID", "PID", "STATUS", "BUNDLE", "CREATED");
      for (OciState s : states) {
        ObjectNode n = stateJson(s);
        out.printf(format, s.id(), n.get("pid").asLong(), n.get("status").asText(), s.bundle(), s.created());
      }
    }
    return 0;
  }

  // ---- kill, delete

  int kill(List<String> args) throws IOException {
    if (args.size() > 0 && (args.get(0).equals("-a") || args.get(0).equals("--all"))) {
      args.remove(0);
    }
    if (args.isEmpty() || args.size() > 2) {
      throw new UsageException("kill takes a container ID and optionally a signal");
    }
    String id = args.get(0);
    int signal = args.size() == 2 ? Signals.parse(args.get(1)) : Signals.SIGTERM;
    OciState s = load(id);
    String status = status(s);
    if (status.equals("stopped")) {
      throw new ContainerStateException("cannot kill container " + id + ": it is not running (stopped)", null);
    }
    if (!Signals.send(s.pid(), signal)) {
      throw new ContainerStateException("cannot kill container " + id + ": its process " + s.pid() + " is gone", null);
    }
    return 0;
  }

  int delete(List<String> args) throws IOException, InterruptedException {
    boolean force = args.remove("-f") | args.remove("--force");
    String id = onlyId(args, "delete");
    Path dir = stateDir(id);
    if (force && !Files.exists(dir.resolve(OciState.FILE))) {
      return 0;
    }
    OciState s = load(id);
    String status = status(s);
    if (status.equals("running")) {
      if (!force) {
        throw new ContainerStateException("cannot delete container " + id + ": it is running; stop it with `jcompose runtime kill "
            + id + " KILL`, or use delete -f", null);
      }
      Signals.send(s.pid(), Signals.SIGKILL);
      waitFor(() -> Files.exists(dir.resolve("exit.json")) || !alive(s.monitorPid()), 10_000);
    } else if (s.shimPid() > 0 && alive(s.shimPid())) { // created (or its init was killed): the shim aborts it
      try {
        askShim(id, "abort");
      } catch (IOException e) {
        if (s.initAlive()) {
          Signals.send(s.pid(), Signals.SIGKILL);
        }
      }
      waitFor(() -> !alive(s.shimPid()), 10_000);
    }
    waitFor(() -> s.monitorPid() <= 0 || !alive(s.monitorPid()), 5_000);
    runtime().cleanup(id, dir);
    removeStateDir(dir);
    Files.deleteIfExists(socket(id));
    return 0;
  }

  private static void waitFor(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  private static void removeStateDir(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) { // does not follow symlinks
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---- run, exec

  int runCommand(List<String> args) throws IOException, InterruptedException {
    String[] bi = bundleAndId(args, "run");
    String bundle = bi[0];
    String id = bi[1];
    ContainerSpec spec = translate(bundle, id, false);
    Path dir = newStateDir(id);
    OciState state = initialState(spec, bundle);
    state.write(dir);
    RunningContainer running = null;
    java.util.Map<sun.misc.Signal, sun.misc.SignalHandler> forwarded = new java.util.LinkedHashMap<>();
    try {
      PreparedContainer prepared = runtime().prepare(spec);
      state = state.withPids(prepared.pid(), ProcessHandle.current().pid(), 0);
      state.write(dir);
      writePidFile(prepared.pid());
      running = prepared.start();
      state.withPids(running.pid(), 0, running.monitorPid()).write(dir);
      long pid = running.pid();
      for (String name : List.of("INT", "TERM", "HUP", "QUIT", "USR1", "USR2")) {
        try {
          sun.misc.Signal sig = new sun.misc.Signal(name);
          forwarded.put(sig, sun.misc.Signal.handle(sig, s -> Signals.send(pid, s.getNumber())));
        } catch (IllegalArgumentException e) {
          // the JVM uses this signal itself (QUIT): not forwarded
        }
      }
      ContainerLogReader.of(dir).follow(-1, entry -> {
        PrintStream to = "stderr".equals(entry.stream()) ? err : out;
        to.print(entry.text());
        to.flush();
        return true;
      });
      ExitStatus status;
      try {
        status = running.exited().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new ContainerStateException("container " + id + " ended without an exit status: " + e.getMessage(), e);
      }
      return status.signal() > 0 ? 128 + status.signal() : status.exitCode();
    } finally {
      forwarded.forEach(sun.misc.Signal::handle); // the handlers from before
      if (running != null && alive(running.pid()) && !Files.exists(dir.resolve("exit.json"))) {
        Signals.send(running.pid(), Signals.SIGKILL);
        RunningContainer r = running;
        waitFor(() -> Files.exists(dir.resolve("exit.json")) || !alive(r.monitorPid()), 10_000);
      }
      try {
        runtime().cleanup(id, dir);
      } finally {
        removeStateDir(dir);
      }
    }
  }

  int exec(List<String> args) throws IOException, InterruptedException {
    if (args.size() < 2) {
      throw new UsageException("exec takes a container ID and a command");
    }
    String id = args.remove(0);
    if (args.get(0).equals("--")) {
      args.remove(0);
    }
    OciState s = load(id);
    String status = status(s);
    if (!status.equals("running")) {
      throw new ContainerStateException("cannot exec in container " + id + ": it is " + status + ", not running", null);
    }
    ExecSpec spec = new ExecSpec(args, s.env(), s.cwd(), s.uid(), s.gid());
    ExecProcess p = runtime().exec(id, stateDir(id), s.pid(), spec);
    demux(p.output(), out, err);
    return p.exitCode().join();
  }

  /** Docker's multiplexed stream: 8-byte headers (stream 1 stdout, 2 stderr; big-endian length) before each chunk. */
  static void demux(InputStream framed, PrintStream out, PrintStream err) throws IOException {
    DataInputStream in = new DataInputStream(framed);
    byte[] header = new byte[8];
    while (true) {
      try {
        in.readFully(header);
      } catch (EOFException e) {
        return;
      }
      int length = ByteBuffer.wrap(header, 4, 4).getInt();
      byte[] data = in.readNBytes(length);
      PrintStream to = header[0] == 2 ? err : out;
      to.write(data, 0, data.length);
      to.flush();
    }
  }
}
