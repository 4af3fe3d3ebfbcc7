package dev.jcompose.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one host program (ip, nft, tar, nsenter) to completion, feeding it optional standard
 * input and capturing what it prints. The one place where jcompose spawns host tools.
 *
 * <p>A program that exits non-zero becomes a {@link HostCommandException} naming the command
 * line and what the program printed on stderr, so the caller can add what it was trying.
 */
public final class HostCommand {

  private static final long DEFAULT_TIMEOUT_SECONDS = 60;
  /** Readers of programs' output block; they get their own threads, never the common pool's few. */
  private static final java.util.concurrent.ExecutorService DRAINERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "host-command-output");
    t.setDaemon(true);
    return t;
  });

  private HostCommand() {}

  /** The outcome of a finished program. */
  public record Result(List<String> argv, int exitCode, String stdout, String stderr) {
    public Result {
      argv = List.copyOf(argv);
    }

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code argv} with no input; throws when it exits non-zero. */
  public static Result run(List<String> argv) {
    return check(runAllowingFailure(argv, null));
  }

  /** Runs {@code argv} with {@code stdin} as its input; throws when it exits non-zero. */
  public static Result run(List<String> argv, String stdin) {
    return check(runAllowingFailure(argv, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs {@code argv} and returns the result whatever the exit code. */
  public static Result runAllowingFailure(List<String> argv, byte[] stdin) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HostCommandException(
          "could not start `" + String.join(" ", argv) + "`: " + e.getMessage()
              + " (is the package that provides " + argv.get(0) + " installed?)",
          argv, -1, "", e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (stdin != null) {
      try (OutputStream os = p.getOutputStream()) {
        os.write(stdin);
      } catch (IOException e) {
        // The program exited before reading all its input; its exit code and stderr say why.
      }
    }
    try {
      if (!p.waitFor(DEFAULT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HostCommandException(
            "`" + String.join(" ", argv) + "` did not finish within " + DEFAULT_TIMEOUT_SECONDS + " s",
            argv, -1, "", null);
      }
      return new Result(argv, p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostCommandException("interrupted while running `" + String.join(" ", argv) + "`", argv, -1, "", e);
    }
  }

  private static Result check(Result r) {
    if (!r.ok()) {
      String why = r.stderr().isBlank() ? r.stdout().strip() : r.stderr().strip();
      throw new HostCommandException(
          "`" + String.join(" ", r.argv()) + "` failed with exit code " + r.exitCode() + ": " + why,
          r.argv(), r.exitCode(), why, null);
    }
    return r;
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, DRAINERS);
  }
}
