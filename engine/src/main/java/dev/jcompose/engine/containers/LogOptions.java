package dev.jcompose.engine.containers;

import dev.jcompose.api.model.LogConfig;
import dev.jcompose.engine.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code HostConfig.LogConfig} for the one driver the engine has, Docker's {@code json-file}:
 * {@code max-size} (Docker's sizes: {@code 10m}, {@code 1k}, binary units; -1 unlimited) and
 * {@code max-file} (files kept, the current one included; 1 by default) turn into the monitor's
 * rotation. The driver's other options are accepted and named in a warning, as they are not applied.
 *
 * @param maxSize  bytes before the log is rotated; 0 never
 * @param maxFiles files kept, at least 1
 * @param warnings what the create call tells the client
 */
record LogOptions(long maxSize, int maxFiles, List<String> warnings) {
  static final LogOptions DEFAULT = new LogOptions(0, 1, List.of());

  /** json-file's options, as Docker's driver validates them (daemon/logger/jsonfilelog). */
  private static final Set<String> JSON_FILE_OPTIONS = Set.of("max-size", "max-file", "compress", "labels", "labels-regex",
      "env", "env-regex", "tag");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);

  /** @throws ApiException 400 for another driver or a bad option, with Docker's words where it has them */
  static LogOptions of(LogConfig config) {
    if (config == null) {
      return DEFAULT;
    }
    String type = config.type() == null || config.type().isEmpty() ? "json-file" : config.type();
    if (!type.equals("json-file")) {
      throw ApiException.badRequest("logging driver \"" + type + "\" is not supported: the jcompose engine writes json-file logs"
          + " only (which `logs` reads); remove logging.driver or set it to json-file");
    }
    Map<String, String> opts = config.config() == null ? Map.of() : config.config();
    List<String> warnings = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(opts.keySet())) {
      if (!JSON_FILE_OPTIONS.contains(key)) {
        throw ApiException.badRequest("unknown log opt '" + key + "' for json-file log driver (known: max-size, max-file, compress,"
            + " labels, labels-regex, env, env-regex, tag)");
      }
      if (!key.equals("max-size") && !key.equals("max-file") && !(key.equals("compress") && opts.get(key).equals("false"))) {
        warnings.add("log opt '" + key + "' of the json-file driver is not applied by the jcompose engine (rotated files are kept"
            + " uncompressed, log lines carry no labels, env or tag)");
      }
    }
    long maxSize = opts.containsKey("max-size") ? size(opts.get("max-size")) : 0;
    int maxFiles = 1;
    if (opts.containsKey("max-file")) {
      try {
        maxFiles = Integer.parseInt(opts.get("max-file").strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid log opt max-file \"" + opts.get("max-file") + "\": give a whole number of files, e.g. 3");
      }
      if (maxFiles < 1) {
        throw ApiException.badRequest("max-file cannot be less than 1");
      }
      if (maxFiles > 1 && maxSize == 0) {
        throw ApiException.badRequest("max-file can only be used with max-size (log opt max-file " + maxFiles + " without max-size)");
      }
    }
    return new LogOptions(maxSize, maxFiles, List.copyOf(warnings));
  }

  /** Docker's units.RAMInBytes: 1k = 1024; -1 is unlimited (0 here). */
  static long size(String text) {
    String t = text.strip();
    if (t.equals("-1")) {
      return 0;
    }
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw ApiException.badRequest("invalid log opt max-size \"" + text + "\": give a size such as 10m, 500k or 1g");
    }
    double n = Double.parseDouble(m.group(1));
    int shift = m.group(2) == null ? 0 : 10 * ("kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
    long bytes = (long) (n * (1L << shift));
    if (bytes <= 0) {
      throw ApiException.badRequest("invalid log opt max-size \"" + text + "\": it must be more than 0 (or -1 for no limit)");
    }
    return bytes;
  }
}
