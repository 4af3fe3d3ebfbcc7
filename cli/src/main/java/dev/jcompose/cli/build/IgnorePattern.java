package dev.jcompose.cli.build;

import java.util.regex.Pattern;

/**
 * One compiled {@code .dockerignore} pattern, matched the way {@code moby/patternmatcher} does.
 *
 * <p>patternmatcher picks one of four match kinds while translating the glob, and the choice
 * shows in edge cases, so we keep it: a plain pattern compares exactly, {@code foo/**} is a
 * prefix test, {@code **}{@code /foo} (only {@code **} first and nothing special after) is a
 * suffix test, and anything else becomes a regular expression where {@code *} and {@code ?}
 * never cross a {@code /} and {@code **} spans any number of directories.
 */
final class IgnorePattern {

  private enum Kind { EXACT, PREFIX, SUFFIX, REGEXP }

  private final String cleaned;
  private final boolean exception;
  private final Kind kind;
  private final Pattern regexp;

  private IgnorePattern(String cleaned, boolean exception, Kind kind, Pattern regexp) {
    this.cleaned = cleaned;
    this.exception = exception;
    this.kind = kind;
    this.regexp = regexp;
  }

  /** Like {@code patternmatcher.New} for one entry: clean, then a leading {@code !}. */
  static IgnorePattern compile(String text) {
    String p = DockerIgnore.cleanPath(text.strip());
    boolean exception = p.charAt(0) == '!';
    if (exception) {
      if (p.length() == 1) {
        throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
      }
      p = p.substring(1);
    }
    return translate(p, exception);
  }

  String cleaned() {
    return cleaned;
  }

  boolean exception() {
    return exception;
  }

  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(cleaned);
      case PREFIX:
        return path.startsWith(cleaned.substring(0, cleaned.length() - 2));
      case SUFFIX:
        String suffix = cleaned.substring(2);
        if (path.endsWith(suffix)) {
          return true;
        }
        // "**/foo" also matches "foo" itself
        return suffix.startsWith("/") && path.equals(suffix.substring(1));
      default:
        return regexp.matcher(path).matches();
    }
  }

  /** Whether the pattern matches one of the path's parent directories. */
  boolean matchesAnyParent(String path) {
    int slash = path.indexOf('/');
    while (slash >= 0) {
      if (matches(path.substring(0, slash))) {
        return true;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return false;
  }

  @Override
  public String toString() {
    return exception ? "!" + cleaned : cleaned;
  }

  private static IgnorePattern translate(String p, boolean exception) {
    StringBuilder re = new StringBuilder("^");
    Kind kind = Kind.EXACT;
    int pos = 0;
    for (int step = 0; pos < p.length(); step++) {
      int ch = p.codePointAt(pos);
      pos += Character.charCount(ch);
      if (ch == '*') {
        if (pos < p.length() && p.charAt(pos) == '*') {
          pos++;
          if (pos < p.length() && p.charAt(pos) == '/') {
            pos++; // "**/" is "**"
          }
          if (pos == p.length()) {
            if (kind == Kind.EXACT) {
              kind = Kind.PREFIX;
            } else {
              re.append(".*");
              kind = Kind.REGEXP;
            }
          } else {
            re.append("(?:.*/)?");
            kind = Kind.REGEXP;
          }
          if (step == 0) {
            kind = Kind.SUFFIX; // later wildcards turn it back into REGEXP, as in patternmatcher
          }
        } else {
          re.append("[^/]*");
          kind = Kind.REGEXP;
        }
      } else if (ch == '?') {
        re.append("[^/]");
        kind = Kind.REGEXP;
      } else if (ch == '\\') {
        if (pos < p.length()) {
          int escaped = p.codePointAt(pos);
          pos += Character.charCount(escaped);
          appendLiteral(re, escaped);
          kind = Kind.REGEXP;
        } else {
          // filepath.Match, which patternmatcher.New uses to validate, rejects this
          throw new IllegalArgumentException("syntax error in pattern \"" + p + "\": trailing \\ escapes nothing");
        }
      } else if (ch == '[') {
        pos = appendClass(re, p, pos);
        kind = Kind.REGEXP;
      } else if (ch == ']') {
        appendLiteral(re, ']');
        kind = Kind.REGEXP;
      } else {
        appendLiteral(re, ch);
      }
    }
    re.append('$');
    Pattern compiled = kind == Kind.REGEXP ? Pattern.compile(re.toString()) : null;
    return new IgnorePattern(p, exception, kind, compiled);
  }

  /**
   * Translates a {@code [...]} class starting after the {@code [} and returns the position after
   * its {@code ]}. Like Go's {@code filepath.Match}, {@code ^} negates, {@code \x} is a literal
   * x, {@code a-z} is a range; an unclosed or empty class, or one starting with {@code -}, is an
   * error. The class is written out with every character escaped, so Java's own class syntax
   * ({@code &&}, nested {@code [}) never applies.
   */
  private static int appendClass(StringBuilder re, String p, int pos) {
    StringBuilder cls = new StringBuilder("[");
    if (pos < p.length() && p.charAt(pos) == '^') {
      cls.append('^');
      pos++;
    }
    boolean first = true;
    while (true) {
      if (pos >= p.length()) {
        throw new IllegalArgumentException("syntax error in pattern \"" + p + "\": unclosed [ class");
      }
      if (p.charAt(pos) == ']' && !first) {
        pos++;
        break;
      }
      int[] lo = classChar(p, pos);
      pos = lo[1];
      int hi = lo[0];
      if (pos < p.length() && p.charAt(pos) == '-') {
        int[] end = classChar(p, pos + 1);
        hi = end[0];
        pos = end[1];
        if (hi < lo[0]) {
          throw new IllegalArgumentException("syntax error in pattern \"" + p + "\": bad range in [ class");
        }
      }
      appendClassChar(cls, lo[0]);
      if (hi != lo[0]) {
        cls.append('-');
        appendClassChar(cls, hi);
      }
      first = false;
    }
    re.append(cls).append(']');
    return pos;
  }

  /** One character of a class at pos: {code point, next position}. */
  private static int[] classChar(String p, int pos) {
    if (pos >= p.length()) {
      throw new IllegalArgumentException("syntax error in pattern \"" + p + "\": unclosed [ class");
    }
    int ch = p.codePointAt(pos);
    if (ch == '-' || ch == ']') {
      throw new IllegalArgumentException("syntax error in pattern \"" + p + "\": unexpected '"
          + (char) ch + "' in [ class");
    }
    if (ch == '\\') {
      pos++;
      if (pos >= p.length()) {
        throw new IllegalArgumentException("syntax error in pattern \"" + p + "\": unclosed [ class");
      }
      ch = p.codePointAt(pos);
    }
    return new int[] {ch, pos + Character.charCount(ch)};
  }

  private static void appendClassChar(StringBuilder cls, int ch) {
    cls.append("\\x{").append(Integer.toHexString(ch)).append('}');
  }

  private static void appendLiteral(StringBuilder re, int ch) {
    if (Character.isLetterOrDigit(ch) || ch == '/' || ch == '_') {
      re.appendCodePoint(ch);
    } else {
      re.append("\\x{").append(Integer.toHexString(ch)).append('}');
    }
  }
}
