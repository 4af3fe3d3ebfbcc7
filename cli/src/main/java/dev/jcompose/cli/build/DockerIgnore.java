package dev.jcompose.cli.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The patterns of a {@code .dockerignore} file, and the question "is this context path excluded?".
 *
 * <p>Follows the docker CLI: lines are read like {@code moby/patternmatcher/ignorefile.ReadAll}
 * (UTF-8 BOM dropped, a line starting with {@code #} is a comment, lines trimmed, empty lines
 * skipped, each pattern cleaned like Go's {@code filepath.Clean} and a leading {@code /} removed),
 * and matched like {@code patternmatcher.PatternMatcher}: the last matching pattern wins, a
 * {@code !} pattern is an exception, and a pattern that matches a parent directory matches
 * everything below it. Paths are context-relative and slash-separated, without a leading
 * {@code ./}.
 *
 * <p>The archive walker uses {@link #match(String, Match)} with the result of the parent
 * directory, exactly as the docker CLI's tar walker ({@code MatchesUsingParentResults}) does;
 * {@link #isExcluded(String)} gives the same answer for a single path by walking its parents.
 */
public final class DockerIgnore {

  /** Ignores nothing. */
  public static final DockerIgnore EMPTY = new DockerIgnore(List.of());

  private final List<IgnorePattern> patterns;
  private final boolean hasExceptions;

  private DockerIgnore(List<IgnorePattern> patterns) {
    this.patterns = List.copyOf(patterns);
    this.hasExceptions = patterns.stream().anyMatch(IgnorePattern::exception);
  }

  /**
   * Parses the text of a {@code .dockerignore} file.
   *
   * @throws IllegalArgumentException naming the line, for {@code !} alone or a malformed
   *     {@code [..]} class
   */
  public static DockerIgnore parse(String text) {
    List<IgnorePattern> parsed = new ArrayList<>();
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = readLine(lines[i]);
      if (line == null) {
        continue;
      }
      try {
        parsed.add(IgnorePattern.compile(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(".dockerignore:" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new DockerIgnore(parsed);
  }

  /**
   * Reads {@code <contextDir>/.dockerignore}; a missing file ignores nothing.
   *
   * @throws IOException if the file exists but cannot be read
   */
  public static DockerIgnore read(Path contextDir) throws IOException {
    try {
      return parse(new String(Files.readAllBytes(contextDir.resolve(".dockerignore")), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return EMPTY;
    }
  }

  /**
   * Builds a matcher from patterns given one per entry, normalized like lines of the file
   * (trimmed, cleaned, leading {@code /} dropped, empty ones skipped) but with no comments.
   *
   * @throws IllegalArgumentException for {@code !} alone or a malformed {@code [..]} class
   */
  public static DockerIgnore of(List<String> patterns) {
    List<IgnorePattern> compiled = new ArrayList<>();
    for (String p : patterns) {
      String normalized = normalize(p);
      if (normalized != null) {
        compiled.add(IgnorePattern.compile(normalized));
      }
    }
    return new DockerIgnore(compiled);
  }

  /** The cleaned patterns, in file order, exceptions with their leading {@code !}. */
  public List<String> patterns() {
    return patterns.stream().map(IgnorePattern::toString).toList();
  }

  /** Whether any pattern is a {@code !} exception. */
  public boolean hasExceptions() {
    return hasExceptions;
  }

  /**
   * Whether the context-relative path is excluded, itself or through a parent directory.
   * {@code ""} and {@code "."} (the context root) are never excluded.
   */
  public boolean isExcluded(String relativePath) {
    String path = cleanPath(relativePath);
    if (path.equals(".") || path.equals("/")) {
      return false;
    }
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    Match match = null;
    int slash = path.indexOf('/');
    while (slash >= 0) {
      match = match(path.substring(0, slash), match);
      slash = path.indexOf('/', slash + 1);
    }
    return match(path, match).excluded();
  }

  /**
   * Matches one path given the result of its parent directory ({@code null} for a top-level
   * entry, or when unknown: then every parent directory is tried, like
   * {@code MatchesOrParentMatches}).
   */
  public Match match(String relativePath, Match parent) {
    boolean[] parentMatched = parent == null ? null : parent.matched;
    boolean[] matched = new boolean[patterns.size()];
    boolean excluded = false;
    for (int i = 0; i < patterns.size(); i++) {
      IgnorePattern pattern = patterns.get(i);
      boolean m = parentMatched != null && parentMatched[i];
      if (!m) {
        // An inclusion can't change an excluded path and an exception can't change an
        // included one: skip them (patternmatcher does, and the result depends on it).
        if (pattern.exception() != excluded) {
          continue;
        }
        m = pattern.matches(relativePath);
        if (!m && parentMatched == null) {
          m = pattern.matchesAnyParent(relativePath);
        }
      }
      matched[i] = m;
      if (m) {
        excluded = !pattern.exception();
      }
    }
    return new Match(excluded, matched);
  }

  /**
   * Whether the walker may skip an excluded directory without looking inside: true unless an
   * exception pattern could re-include something below it. Like the docker CLI this is a text
   * test, "the exception pattern starts with {@code dir/}", so {@code !dir/keep} keeps
   * {@code dir} open but a wildcard such as {@code !*}{@code /keep} or {@code !**}{@code /keep}
   * does not reach into an excluded directory.
   */
  public boolean canSkipExcludedDirectory(String relativeDir) {
    if (!hasExceptions) {
      return true;
    }
    String dirSlash = relativeDir + "/";
    for (IgnorePattern pattern : patterns) {
      if (pattern.exception() && (pattern.cleaned() + "/").startsWith(dirSlash)) {
        return false;
      }
    }
    return true;
  }

  /** One line of the file as ReadAll returns it, or null for a comment or an empty line. */
  private static String readLine(String raw) {
    if (raw.startsWith("#")) { // only at column 0, before trimming, as in ReadAll
      return null;
    }
    return normalize(raw);
  }

  /** ReadAll's normalization of one pattern, or null if it is empty. */
  private static String normalize(String raw) {
    String pattern = raw.strip();
    if (pattern.isEmpty()) {
      return null;
    }
    boolean exception = pattern.charAt(0) == '!';
    if (exception) {
      pattern = pattern.substring(1).strip();
    }
    if (!pattern.isEmpty()) {
      pattern = cleanPath(pattern);
      if (pattern.length() > 1 && pattern.charAt(0) == '/') {
        pattern = pattern.substring(1);
      }
    }
    return exception ? "!" + pattern : pattern;
  }

  /** Go's {@code path.Clean}: the shortest equivalent slash path, {@code "."} if empty. */
  static String cleanPath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        } // ".." at the root stays at the root
        continue;
      }
      out.add(segment);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** The per-pattern result for a directory, passed to the matching of its entries. */
  public static final class Match {
    private final boolean excluded;
    private final boolean[] matched;

    private Match(boolean excluded, boolean[] matched) {
      this.excluded = excluded;
      this.matched = matched;
    }

    public boolean excluded() {
      return excluded;
    }
  }
}
