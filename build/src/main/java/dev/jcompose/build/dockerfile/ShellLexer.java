package dev.jcompose.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shell-like word lexer behind {@link WordExpander}, modelled on BuildKit's
 * {@code frontend/dockerfile/shell/lex.go}: quotes, the escape character and {@code $} expansions,
 * producing both the joined value and the value split into words.
 *
 * <p>The raw modes are what the parser needs to read heredoc words: {@code rawQuotes} keeps quote
 * characters in the output, {@code rawEscapes} keeps escape characters, and {@code skipUnsetEnv}
 * leaves references to unset variables as written. Not thread-safe; make one per use.
 */
final class ShellLexer {
  private static final int EOF = -1;

  /** A processed word: {@code value} as one string, {@code words} split on unquoted whitespace. */
  record Result(String value, List<String> words) {}

  private final char escape;
  private final Function<String, String> lookup;
  private boolean rawQuotes;
  private boolean rawEscapes;
  private boolean skipUnsetEnv;
  private String src = "";
  private int pos;

  ShellLexer(char escape, Function<String, String> lookup) {
    this.escape = escape;
    this.lookup = lookup;
  }

  ShellLexer rawQuotes(boolean on) {
    this.rawQuotes = on;
    return this;
  }

  ShellLexer rawEscapes(boolean on) {
    this.rawEscapes = on;
    return this;
  }

  ShellLexer skipUnsetEnv(boolean on) {
    this.skipUnsetEnv = on;
    return this;
  }

  /** Processes {@code word}; a syntax error or {@code ${X?msg}} throws IllegalArgumentException. */
  Result process(String word) {
    src = word;
    pos = 0;
    try {
      return processStopOn(EOF, rawEscapes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("failed to process \"" + word + "\": " + e.getMessage(), e);
    }
  }

  private int peek() {
    return pos < src.length() ? src.charAt(pos) : EOF;
  }

  private int next() {
    return pos < src.length() ? src.charAt(pos++) : EOF;
  }

  private Result processStopOn(int stop, boolean raw) {
    boolean saved = rawEscapes;
    rawEscapes = raw;
    try {
      StringBuilder result = new StringBuilder();
      Words words = new Words();
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return new Result(result.toString(), words.get());
        }
        if (ch == '$') {
          String t = processDollar();
          result.append(t);
          words.addString(t);
          continue;
        }
        if (ch == '\'') {
          String t = processSingleQuote();
          result.append(t);
          words.addRawString(t);
          continue;
        }
        if (ch == '"') {
          String t = processDoubleQuote();
          result.append(t);
          words.addRawString(t);
          continue;
        }
        ch = next();
        if (ch == escape) {
          if (rawEscapes) {
            words.addRawChar((char) ch);
            result.append((char) ch);
          }
          ch = next();
          if (ch == EOF) {
            break; // an escape at the very end is dropped
          }
          words.addRawChar((char) ch);
        } else {
          words.addChar((char) ch);
        }
        result.append((char) ch);
      }
      if (stop != EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching " + (char) stop);
      }
      return new Result(result.toString(), words.get());
    } finally {
      rawEscapes = saved;
    }
  }

  private String processSingleQuote() {
    StringBuilder result = new StringBuilder();
    int ch = next();
    if (rawQuotes) {
      result.append((char) ch);
    }
    while (true) {
      ch = next();
      if (ch == EOF) {
        throw new IllegalArgumentException("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (rawQuotes) {
          result.append((char) ch);
        }
        return result.toString();
      }
      result.append((char) ch);
    }
  }

  private String processDoubleQuote() {
    StringBuilder result = new StringBuilder();
    int ch = next();
    if (rawQuotes) {
      result.append((char) ch);
    }
    while (true) {
      int p = peek();
      if (p == EOF) {
        throw new IllegalArgumentException("unexpected end of statement while looking for matching double-quote");
      }
      if (p == '"') {
        next();
        if (rawQuotes) {
          result.append('"');
        }
        return result.toString();
      }
      if (p == '$') {
        result.append(processDollar());
        continue;
      }
      ch = next();
      if (ch == escape) {
        if (rawEscapes) {
          result.append((char) ch);
        }
        int after = peek();
        if (after == EOF) {
          continue; // reported as an unterminated quote by the next round
        }
        if (after == '"' || after == '$' || after == escape) {
          ch = next();
        }
      }
      result.append((char) ch);
    }
  }

  private String env(String name) {
    return lookup.apply(name);
  }

  private String processDollar() {
    next(); // the $
    if (peek() != '{') {
      String name = processName();
      if (name.isEmpty()) {
        return "$";
      }
      String value = env(name);
      if (value == null) {
        return skipUnsetEnv ? "$" + name : "";
      }
      return value;
    }
    next(); // the {
    int p = peek();
    if (p == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    if (p == '{' || p == '}' || p == ':') {
      throw new IllegalArgumentException("syntax error: bad substitution");
    }
    String name = processName();
    int ch = next();
    if (ch == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    String chs = String.valueOf((char) ch);
    switch (ch) {
      case '}': {
        String value = env(name);
        if (value == null) {
          return skipUnsetEnv ? "${" + name + "}" : "";
        }
        return value;
      }
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%':
        return modifier(name, ch, chs);
      case '/':
        return replace(name);
      default:
        throw new IllegalArgumentException("unsupported modifier (" + chs + ") in substitution");
    }
  }

  private String modifier(String name, int first, String chs) {
    boolean nullIsUnset = false;
    int ch = first;
    if (ch == ':') {
      nullIsUnset = true;
      ch = next();
      if (ch != EOF) {
        chs += (char) ch;
      }
    }
    boolean raw = ch == '#' || ch == '%';
    String word;
    try {
      word = processStopOn('}', raw).value();
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException("syntax error: missing '}'");
      }
      throw e;
    }
    String value = env(name);
    boolean set = value != null;
    if (!set && skipUnsetEnv) {
      return "${" + name + chs + word + "}";
    }
    if (value == null) {
      value = "";
    }
    switch (ch) {
      case '-':
        return !set || (nullIsUnset && value.isEmpty()) ? word : value;
      case '+':
        return !set || (nullIsUnset && value.isEmpty()) ? "" : word;
      case '?':
        if (!set) {
          throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (nullIsUnset && value.isEmpty()) {
          throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        return value;
      case '%':
      case '#': {
        boolean greedy = false;
        if (!word.isEmpty() && word.charAt(0) == ch) {
          greedy = true;
          word = word.substring(1);
        }
        return ch == '%' ? trimSuffix(word, value, greedy) : trimPrefix(word, value, greedy);
      }
      default:
        throw new IllegalArgumentException("unsupported modifier (" + chs + ") in substitution");
    }
  }

  private String replace(String name) {
    boolean all = peek() == '/';
    if (all) {
      next();
    }
    String pattern;
    String replacement;
    try {
      pattern = processStopOn('/', true).value();
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException("syntax error: missing '/' in ${}");
      }
      throw e;
    }
    try {
      replacement = processStopOn('}', true).value();
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException("syntax error: missing '}'");
      }
      throw e;
    }
    String value = env(name);
    if (value == null && skipUnsetEnv) {
      return "${" + name + "/" + pattern + "/" + replacement + "}";
    }
    if (value == null) {
      value = "";
    }
    Pattern re = globToRegex(pattern, true, false);
    Matcher m = re.matcher(value);
    String quoted = Matcher.quoteReplacement(replacement);
    return all ? m.replaceAll(quoted) : m.replaceFirst(quoted);
  }

  private String processName() {
    StringBuilder name = new StringBuilder();
    while (peek() != EOF) {
      char ch = (char) peek();
      if (name.length() == 0 && Character.isDigit(ch)) {
        while (peek() != EOF && Character.isDigit((char) peek())) {
          name.append((char) next());
        }
        return name.toString();
      }
      if (name.length() == 0 && isSpecialParam(ch)) {
        next();
        return String.valueOf(ch);
      }
      if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
        break;
      }
      name.append((char) next());
    }
    return name.toString();
  }

  private static boolean isSpecialParam(char c) {
    return "@*#?-$!0".indexOf(c) >= 0;
  }

  /** Go's unicode.IsSpace for the characters that matter here. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u0085' || Character.isSpaceChar(c);
  }

  /**
   * A shell pattern ({@code *}, {@code ?}, {@code \} escapes; no brackets) as a regex; with
   * {@code greedy} false {@code *} matches the shortest string.
   */
  static Pattern globToRegex(String pattern, boolean greedy, boolean anchored) {
    StringBuilder out = new StringBuilder();
    if (anchored) {
      out.append('^');
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        out.append(greedy ? ".*" : ".*?");
      } else if (c == '?') {
        out.append('.');
      } else if (c == '\\') {
        if (i + 1 < pattern.length() && (pattern.charAt(i + 1) == '}' || pattern.charAt(i + 1) == '/')) {
          continue; // escaped } and / inside ${} are literal, the escape is not part of the pattern
        }
        char n = i + 1 < pattern.length() ? pattern.charAt(++i) : 0;
        if (n != '*' && n != '?' && n != '\\') {
          throw new IllegalArgumentException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
              + (n == 0 ? "" : String.valueOf(n)) + "'");
        }
        out.append('\\').append(n);
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == ' ') {
        out.append(c);
      } else {
        out.append('\\').append(c);
      }
    }
    try {
      return Pattern.compile(out.toString());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid pattern (" + pattern + ") in substitution: " + e.getDescription(), e);
    }
  }

  private static String trimPrefix(String pattern, String value, boolean greedy) {
    Matcher m = globToRegex(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  private static String trimSuffix(String pattern, String value, boolean greedy) {
    // regexes find leftmost matches: reverse pattern and value to find the rightmost one
    String r = trimPrefix(reversePattern(pattern), new StringBuilder(value).reverse().toString(), greedy);
    return new StringBuilder(r).reverse().toString();
  }

  /** Reverses a pattern but keeps each {@code \x} escape pair in order ({@code a\*c} becomes {@code c\*a}). */
  static String reversePattern(String pattern) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        tokens.add(pattern.substring(i, i + 2));
        i++;
      } else {
        tokens.add(String.valueOf(c));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = tokens.size() - 1; i >= 0; i--) {
      out.append(tokens.get(i));
    }
    return out.toString();
  }

  /** BuildKit's wordsStruct: accumulates words, splitting on whitespace that was not quoted or escaped. */
  private static final class Words {
    private final StringBuilder word = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(char c) {
      if (isSpace(c) && inWord) {
        if (word.length() != 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (!isSpace(c)) {
        addRawChar(c);
      }
    }

    void addRawChar(char c) {
      word.append(c);
      inWord = true;
    }

    void addString(String s) {
      for (int i = 0; i < s.length(); i++) {
        addChar(s.charAt(i));
      }
    }

    void addRawString(String s) {
      word.append(s);
      inWord = true;
    }

    List<String> get() {
      if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
      return List.copyOf(words);
    }
  }
}
