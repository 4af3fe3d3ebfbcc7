package dev.jcompose.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a container's json-file log (one {@code {"log","stream","time"}} object per line, as
 * Docker writes it) for {@code /containers/{id}/logs}: all of it, its last lines, or following
 * it until the container has exited and every line is read. A rotated log (max-size, max-file:
 * the monitor renames {@code LOG} to {@code LOG.1}, {@code LOG.1} to {@code LOG.2}, ...) is read
 * oldest file first; a follower reads the file it holds to its end when it is renamed, then the
 * files rotated after it, then the new {@code LOG}.
 */
public final class ContainerLogReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_POLL = Duration.ofMillis(100);

  private final Path logFile;
  private final Path exitFile;
  private final Duration pollInterval;

  public ContainerLogReader(Path logFile, Path exitFile, Duration pollInterval) {
    this.logFile = logFile;
    this.exitFile = exitFile;
    this.pollInterval = pollInterval;
  }

  /** The reader for the container whose state dir is {@code stateDir}. */
  public static ContainerLogReader of(Path stateDir) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    return new ContainerLogReader(files.logFile(), files.exitFile(), DEFAULT_POLL);
  }

  /** The entries written so far, across rotated files; with {@code tail >= 0} only the last {@code tail}. */
  public List<LogEntry> read(int tail) throws IOException {
    Chunk chunk = new Chunk();
    for (Path file : filesOldestFirst()) {
      readWhole(file, chunk);
    }
    return last(chunk.entries(), tail);
  }

  /** {@code LOG.N}, ..., {@code LOG.1}, {@code LOG}: those that exist, oldest first. */
  List<Path> filesOldestFirst() {
    List<Path> out = new ArrayList<>(rotated());
    java.util.Collections.reverse(out);
    if (Files.exists(logFile)) {
      out.add(logFile);
    }
    return out;
  }

  /** {@code LOG.1}, {@code LOG.2}, ...: the rotated files that exist, newest first. */
  private List<Path> rotated() {
    List<Path> out = new ArrayList<>();
    for (int i = 1; Files.exists(rotatedFile(i)); i++) {
      out.add(rotatedFile(i));
    }
    return out;
  }

  private Path rotatedFile(int i) {
    return logFile.resolveSibling(logFile.getFileName() + "." + i);
  }

  private static void readWhole(Path file, Chunk chunk) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      chunk.readFrom(ch);
    } catch (NoSuchFileException e) {
      // rotated away meanwhile: the max-file limit dropped it
    }
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Gives {@code sink} the last {@code tail} entries (all when negative), then each new one as
   * it is written, until the container has exited and the log is drained, or until
   * {@code sink} returns false.
   *
   * @throws InterruptedException when the calling thread is interrupted (to stop following)
   */
  public void follow(int tail, Predicate<LogEntry> sink) throws IOException, InterruptedException {
    follow(0, tail, () -> Files.exists(exitFile), sink);
  }

  /** The log's length in bytes now (0 when there is none yet): where {@link #followFrom} starts for new output only. */
  public long size() {
    try {
      return Files.size(logFile);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Gives {@code sink} each entry written from byte {@code offset} on (an entry boundary, from
   * {@link #size()}) as it is written, until {@code finished} is true and the log is drained, or
   * until {@code sink} returns false: {@code docker attach}, which also follows a container that
   * has not started yet, or starts again after an exit.
   *
   * @param finished checked before each read, so what was written before it turned true is given
   */
  public void followFrom(long offset, java.util.function.BooleanSupplier finished, Predicate<LogEntry> sink)
      throws IOException, InterruptedException {
    follow(offset, -1, finished, sink);
  }

  private void follow(long offset, int tail, java.util.function.BooleanSupplier finished, Predicate<LogEntry> sink)
      throws IOException, InterruptedException {
    Chunk chunk = new Chunk();
    if (offset == 0) { // from the start: the rotated files first; from an offset (attach), new output only
      for (Path file : rotatedOldestFirst()) {
        readWhole(file, chunk);
      }
    }
    boolean first = true;
    FileChannel ch = null;
    Object key = null;
    try {
      while (true) {
        boolean rotatedNow = false;
        boolean done = finished.getAsBoolean(); // checked before reading: the monitor writes the log first
        if (ch == null && Files.exists(logFile)) {
          key = fileKey(logFile);
          ch = FileChannel.open(logFile, StandardOpenOption.READ);
          if (key == null || !key.equals(fileKey(logFile))) { // rotated between the two: take the new one next time
            ch.close();
            ch = null;
            continue;
          }
          ch.position(Math.min(offset, ch.size()));
          offset = 0; // a file rotated in after this one is read from its start
        }
        if (ch != null) {
          if (ch.position() > ch.size()) { // max-file 1: the monitor emptied the file
            ch.position(0);
            chunk.dropPartial();
          }
          chunk.readFrom(ch);
          Object now = fileKey(logFile);
          if (now == null || !now.equals(key)) { // rotated: ours is complete, read to its end; then what came after it
            chunk.readFrom(ch);
            ch.close();
            ch = null;
            readRotatedAfter(key, chunk);
            rotatedNow = true;
            done = false; // look again at once: the new LOG may hold lines already
          }
        }
        List<LogEntry> entries = first ? last(chunk.entries(), tail) : chunk.entries();
        first = false;
        for (LogEntry e : entries) {
          if (!sink.test(e)) {
            return;
          }
        }
        if (done) {
          return;
        }
        if (!rotatedNow) {
          Thread.sleep(pollInterval.toMillis());
        }
      }
    } finally {
      if (ch != null) {
        ch.close();
      }
    }
  }

  private List<Path> rotatedOldestFirst() {
    List<Path> out = new ArrayList<>(rotated());
    java.util.Collections.reverse(out);
    return out;
  }

  /**
   * The rotated files newer than the one whose key is {@code key} (it is now {@code LOG.j}: read
   * {@code LOG.j-1} .. {@code LOG.1}); when it is gone (max-file dropped it), every rotated file.
   */
  private void readRotatedAfter(Object key, Chunk chunk) throws IOException {
    List<Path> newestFirst = rotated();
    int at = newestFirst.size();
    for (int i = 0; i < newestFirst.size(); i++) {
      if (key.equals(fileKey(newestFirst.get(i)))) {
        at = i;
        break;
      }
    }
    for (int i = at - 1; i >= 0; i--) {
      readWhole(newestFirst.get(i), chunk);
    }
  }

  private static List<LogEntry> last(List<LogEntry> entries, int tail) {
    return tail < 0 || tail >= entries.size() ? entries : entries.subList(entries.size() - tail, entries.size());
  }

  /** Parses one line of the log. */
  static LogEntry parse(String line) throws IOException {
    JsonNode n = JSON.readTree(line);
    if (n == null || !n.has("log") || !n.has("time")) {
      throw new IOException("not a json-file log line: " + line);
    }
    return new LogEntry(Instant.parse(n.get("time").asText()), n.path("stream").asText("stdout"), n.get("log").asText());
  }

  /** Bytes read so far that do not end in a newline yet (the monitor may be mid-write). */
  private static final class Chunk {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Deque<String> lines = new ArrayDeque<>();

    void readFrom(FileChannel ch) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (ch.read(buf) > 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          byte b = buf.get();
          if (b == '\n') {
            lines.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
          } else {
            pending.write(b);
          }
        }
        buf.clear();
      }
    }

    /** A file that was emptied under the reader leaves no half line behind. */
    void dropPartial() {
      pending.reset();
    }

    List<LogEntry> entries() throws IOException {
      List<LogEntry> out = new ArrayList<>(lines.size());
      for (String line = lines.poll(); line != null; line = lines.poll()) {
        if (!line.isBlank()) {
          out.add(parse(line));
        }
      }
      return out;
    }
  }
}
