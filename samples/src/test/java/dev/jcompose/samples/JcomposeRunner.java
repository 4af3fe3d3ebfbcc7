package dev.jcompose.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jcompose CLI as a user would, with its own engine state root and socket so a
 * test never meets another engine. Uses the jars Maven just built (cli/target, engine/target).
 */
final class JcomposeRunner {
  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  private final Path repo;
  private final Path root;
  private final Map<String, String> env;
  /** Put before the java command line, e.g. {@code nsenter --net=/run/netns/X}: the CLI, and the engine it starts, run in it. */
  private final List<String> wrapper;

  JcomposeRunner(Path root, Map<String, String> env) {
    this(root, env, List.of());
  }

  JcomposeRunner(Path root, Map<String, String> env, List<String> wrapper) {
    this.repo = Path.of(System.getProperty("user.dir")).getParent();
    this.root = root;
    this.env = env;
    this.wrapper = List.copyOf(wrapper);
  }

  Path repo() {
    return repo;
  }

  Path socket() {
    return root.resolve("engine.sock");
  }

  static boolean built(Path repo) {
    return Files.isDirectory(repo.resolve("cli/target/lib")) && Files.isDirectory(repo.resolve("engine/target/lib"));
  }

  Result run(Path workDir, String... args) throws IOException, InterruptedException {
    String version = "0.1.0-SNAPSHOT";
    Path jars = Jars.copied(repo);
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.addAll(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", jars.resolve("cli/jcompose-cli-" + version + ".jar") + ":" + jars.resolve("cli/lib") + "/*",
        "-Djcompose.engine.classpath=" + jars.resolve("engine/jcompose-engine-" + version + ".jar") + ":"
            + jars.resolve("engine/lib") + "/*",
        "dev.jcompose.cli.Main", "--root", root.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("jc-out", ".txt");
    Path err = Files.createTempFile("jc-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("jcompose " + String.join(" ", args) + " did not finish within 180 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  Result ok(Path workDir, String... args) throws IOException, InterruptedException {
    Result r = run(workDir, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("jcompose " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.all());
    }
    return r;
  }

  /**
   * The CLI and engine jars, copied once per test JVM: an engine started by a test keeps loading
   * classes from them, and a rebuild of the work tree meanwhile (another build on the machine)
   * must not pull them from under it.
   */
  static final class Jars {
    private static Path copy;

    private Jars() {}

    static synchronized Path copied(Path repo) throws IOException {
      if (copy == null) {
        Path dir = Files.createTempDirectory("jcompose-jars-");
        for (String module : List.of("cli", "engine")) {
          Path target = repo.resolve(module).resolve("target");
          Path to = Files.createDirectories(dir.resolve(module).resolve("lib"));
          try (var jars = Files.list(target)) {
            for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
              Files.copy(j, dir.resolve(module).resolve(j.getFileName()));
            }
          }
          try (var libs = Files.list(target.resolve("lib"))) {
            for (Path j : libs.toList()) {
              Files.copy(j, to.resolve(j.getFileName()));
            }
          }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            dev.jcompose.linux.FileTrees.deleteTree(dir);
          } catch (IOException ignored) {
            // a leftover copy in the temp dir is harmless
          }
        }));
        copy = dir;
      }
      return copy;
    }
  }
}
