package dev.jcompose.build;

import java.util.regex.Pattern;

/**
 * One path segment of a COPY/ADD source with Go's {@code filepath.Match} wildcards: {@code *}
 * (any run of characters but {@code /}), {@code ?}, {@code [a-z]}, {@code [^a-z]} and {@code \} escapes.
 */
final class SourcePattern {
  private SourcePattern() {}

  static boolean hasWildcards(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** The regular expression for one segment; an unclosed {@code [} is an error, as in Go. */
  static Pattern compile(String segment) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i + 1 >= segment.length()) {
            throw new IllegalArgumentException("the pattern \"" + segment + "\" ends with a lone \\");
          }
          re.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
        }
        case '[' -> {
          int end = segment.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("the pattern \"" + segment + "\" has a [ without its ]");
          }
          String body = segment.substring(i + 1, end);
          boolean negate = body.startsWith("^") || body.startsWith("!");
          if (negate) {
            body = body.substring(1);
          }
          re.append(negate ? "[^" : "[").append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
