package dev.jcompose.runtime.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads and writes cgroupfs control files and directories, turning I/O errors into {@link CgroupException}. */
final class CgroupFiles {
  private static final int REMOVE_ATTEMPTS = 100;
  private static final long REMOVE_RETRY_MILLIS = 10;

  private CgroupFiles() {}

  static void write(Path file, String value) {
    try {
      Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new CgroupException("could not write \"" + value + "\" to " + file + ": " + reason(e), e);
    }
  }

  static void createDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CgroupException("could not create cgroup " + dir + ": " + reason(e), e);
    }
  }

  /** The number after {@code key} in a flat-keyed file such as memory.events ({@code oom_kill 3}); 0 when absent. */
  static long readKey(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2 && f[0].equals(key)) {
          return Long.parseLong(f[1]);
        }
      }
      return 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new CgroupException("could not read " + file + ": " + reason(e), e);
    }
  }

  static String readOrEmpty(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Removes a cgroup directory, retrying while the kernel still reports it busy (exiting
   * processes leave it a few ms after their parent has reaped them). A missing dir is fine.
   */
  static void removeDir(Path dir) {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (IOException e) {
        if (attempt == REMOVE_ATTEMPTS) {
          throw new CgroupException("could not remove cgroup " + dir + ": " + reason(e)
              + " (after " + REMOVE_ATTEMPTS * REMOVE_RETRY_MILLIS + " ms; is a process still in it? see "
              + dir.resolve("cgroup.procs") + ")", e);
        }
        sleep();
      }
    }
  }

  /** Removes {@code dir} if it holds no cgroups and no processes; otherwise leaves it. */
  static void removeIfUnused(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // still used by another container (EBUSY/ENOTEMPTY): leave it
    }
  }

  /**
   * Polls {@code done} every few ms for up to {@code timeoutMillis}; false when it never held.
   * Between polls it runs {@code retry} (e.g. writing FROZEN again, as runc does).
   */
  static boolean await(java.util.function.BooleanSupplier done, Runnable retry, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    long pause = 1;
    while (true) {
      if (done.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CgroupException("interrupted while waiting for a cgroup's freezer", e);
      }
      pause = Math.min(pause * 2, 20);
      retry.run();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(REMOVE_RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CgroupException("interrupted while removing a cgroup", e);
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      m = fse.getReason();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
