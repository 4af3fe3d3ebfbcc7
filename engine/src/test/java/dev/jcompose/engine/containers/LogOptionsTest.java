package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.api.model.LogConfig;
import dev.jcompose.engine.http.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogOptionsTest {
  @Test
  void of_jsonFileSizesAndFiles() {
    assertEquals(LogOptions.DEFAULT, LogOptions.of(null));
    assertEquals(new LogOptions(10L << 20, 3, List.of()), LogOptions.of(new LogConfig("json-file", Map.of("max-size", "10m", "max-file", "3"))));
    assertEquals(new LogOptions(1024, 1, List.of()), LogOptions.of(new LogConfig(null, Map.of("max-size", "1k"))));
    assertEquals(new LogOptions(0, 1, List.of()), LogOptions.of(new LogConfig("", Map.of("max-size", "-1"))));
    assertEquals(1536, LogOptions.size("1.5KiB"));
    assertEquals(1L << 30, LogOptions.size("1g"));
    assertEquals(100, LogOptions.size("100"));
  }

  @Test
  void otherDriversAndBadOptions_areRefused_unappliedOnesWarned() {
    assertEquals("logging driver \"syslog\" is not supported: the jcompose engine writes json-file logs only (which `logs` reads);"
        + " remove logging.driver or set it to json-file",
        assertThrows(ApiException.class, () -> LogOptions.of(new LogConfig("syslog", null))).getMessage());
    assertEquals("unknown log opt 'max_size' for json-file log driver (known: max-size, max-file, compress, labels, labels-regex, env,"
        + " env-regex, tag)", assertThrows(ApiException.class, () -> LogOptions.of(new LogConfig("json-file", Map.of("max_size", "1m"))))
        .getMessage());
    assertEquals("max-file can only be used with max-size (log opt max-file 3 without max-size)",
        assertThrows(ApiException.class, () -> LogOptions.of(new LogConfig("json-file", Map.of("max-file", "3")))).getMessage());
    assertEquals("max-file cannot be less than 1",
        assertThrows(ApiException.class, () -> LogOptions.of(new LogConfig("json-file", Map.of("max-size", "1m", "max-file", "0"))))
        .getMessage());
    assertEquals("invalid log opt max-size \"ten\": give a size such as 10m, 500k or 1g",
        assertThrows(ApiException.class, () -> LogOptions.of(new LogConfig("json-file", Map.of("max-size", "ten")))).getMessage());
    assertEquals(1, LogOptions.of(new LogConfig("json-file", Map.of("max-size", "1m", "compress", "true"))).warnings().size());
  }
}
