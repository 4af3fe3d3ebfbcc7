package dev.jcompose.build.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --name=value} flags that lead an instruction's arguments (BuildKit's
 * {@code extractBuilderFlags} and {@code BFlags}): {@link #extract} splits them off, quotes
 * removed; {@link #parse} checks them against what the instruction accepts.
 */
final class BuilderFlags {
  enum Kind { STRING, BOOL, LIST }

  /** The flag words (each starting with {@code --}) and the rest of the line. */
  record Split(List<String> flags, String rest) {}

  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, Boolean> bools = new HashMap<>();
  private final Map<String, List<String>> lists = new HashMap<>();

  private BuilderFlags() {}

  String string(String name) {
    return strings.get(name);
  }

  boolean bool(String name) {
    return bools.getOrDefault(name, false);
  }

  boolean has(String name) {
    return strings.containsKey(name) || bools.containsKey(name) || lists.containsKey(name);
  }

  List<String> list(String name) {
    return lists.getOrDefault(name, List.of());
  }

  /** Splits leading {@code --flag} words off {@code line}; a bare {@code --} ends the flags. */
  static Split extract(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    int phase = inSpaces;
    char quote = 0;
    boolean blankOk = false;
    int n = line.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos < n ? line.charAt(pos) : 0;
      if (phase == inSpaces) {
        if (pos == n) {
          break;
        }
        if (ShellLexer.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
          return new Split(words, line.substring(pos));
        }
        phase = inWord;
      }
      if (pos == n) {
        String w = word.toString();
        if (!w.equals("--") && (blankOk || !w.isEmpty())) {
          words.add(w);
        }
        break;
      }
      if (phase == inWord) {
        if (ShellLexer.isSpace(ch)) {
          phase = inSpaces;
          if (word.toString().equals("--")) {
            return new Split(words, line.substring(pos).stripLeading());
          }
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == n) {
            continue;
          }
          ch = line.charAt(++pos);
        }
        word.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) {
        phase = inWord;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) {
          phase = inWord;
          continue;
        }
        ch = line.charAt(++pos);
      }
      word.append(ch);
    }
    return new Split(words, "");
  }

  /**
   * Checks {@code words} against {@code accepted} (flag name without dashes to its kind), in
   * order; problems throw a DockerfileException at {@code line} naming the flag and instruction.
   */
  static BuilderFlags parse(List<String> words, Map<String, Kind> accepted, String keyword, String source, int line) {
    BuilderFlags f = new BuilderFlags();
    for (String word : words) {
      if (!word.startsWith("--")) {
        throw new DockerfileException(source, line, keyword + ": flag " + word + " must start with --");
      }
      String body = word.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? null : body.substring(eq + 1);
      Kind kind = accepted.get(name);
      if (kind == null) {
        throw new DockerfileException(source, line, unknown(name, accepted, keyword));
      }
      switch (kind) {
        case BOOL -> {
          if (f.bools.containsKey(name)) {
            throw duplicate(source, line, keyword, name);
          }
          boolean b;
          if (value == null || value.equalsIgnoreCase("true")) {
            b = true;
          } else if (value.equalsIgnoreCase("false")) {
            b = false;
          } else {
            throw new DockerfileException(source, line, keyword + " --" + name + " takes true or false, not \""
                + value + "\" (write --" + name + " or --" + name + "=false)");
          }
          f.bools.put(name, b);
        }
        case STRING -> {
          if (f.strings.containsKey(name)) {
            throw duplicate(source, line, keyword, name);
          }
          if (value == null) {
            throw new DockerfileException(source, line, keyword + " --" + name + " needs a value: write --" + name + "=VALUE");
          }
          f.strings.put(name, value);
        }
        case LIST -> {
          if (value == null) {
            throw new DockerfileException(source, line, keyword + " --" + name + " needs a value: write --" + name + "=VALUE");
          }
          f.lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        default -> throw new IllegalStateException();
      }
    }
    return f;
  }

  private static DockerfileException duplicate(String source, int line, String keyword, String name) {
    return new DockerfileException(source, line, keyword + " has --" + name + " twice; give it once");
  }

  private static String unknown(String name, Map<String, Kind> accepted, String keyword) {
    if (accepted.isEmpty()) {
      return "unknown flag --" + name + " for " + keyword + ": " + keyword + " takes no flags";
    }
    List<String> names = new ArrayList<>();
    accepted.keySet().forEach(k -> names.add("--" + k));
    return "unknown flag --" + name + " for " + keyword + ": " + keyword + " accepts " + String.join(", ", names);
  }

  /** An ordered spec map, for stable messages. */
  static Map<String, Kind> spec(Object... nameKindPairs) {
    Map<String, Kind> m = new LinkedHashMap<>();
    for (int i = 0; i < nameKindPairs.length; i += 2) {
      m.put(((String) nameKindPairs[i]).toLowerCase(Locale.ROOT), (Kind) nameKindPairs[i + 1]);
    }
    return m;
  }
}
