package dev.jcompose.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.jcompose.linux.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Reads and writes the engine's state records as JSON files, atomically. */
public final class StateStore {
  private static final Logger LOG = Logger.getLogger(StateStore.class.getName());
  static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private StateStore() {}

  public static void write(Path file, Object value) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("could not save engine state to " + file + ": " + e.getMessage(), e);
    }
  }

  public static <T> T read(Path file, Class<T> type) throws IOException {
    return JSON.readValue(file.toFile(), type);
  }

  /** Reads every {@code name} file found one level below {@code dir}; unreadable ones are logged and skipped. */
  public static <T> List<T> readAll(Path dir, String name, Class<T> type) {
    List<T> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path d : s.sorted().toList()) {
        Path f = d.resolve(name);
        if (Files.isRegularFile(f)) {
          try {
            out.add(read(f, type));
          } catch (IOException e) {
            LOG.warning("skipping unreadable state file " + f + ": " + e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read engine state in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }
}
