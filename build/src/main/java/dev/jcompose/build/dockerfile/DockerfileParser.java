package dev.jcompose.build.dockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a Dockerfile the way BuildKit's {@code frontend/dockerfile/parser} does, then groups the
 * instructions into stages ({@link Dockerfile}).
 *
 * <p>Phases, in order: parser directives ({@code # escape=`}, {@code # syntax=}, {@code # check=})
 * at the very top; logical lines (comments dropped, escape-continued lines joined, comment and
 * empty lines inside a continuation skipped); heredoc bodies for RUN, COPY and ADD; one
 * {@link Instruction} per logical line ({@link InstructionParser}); stages. Every problem is a
 * {@link DockerfileException} with the 1-based line of the instruction at fault.
 */
public final class DockerfileParser {
  private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");
  private static final Set<String> DIRECTIVES = Set.of("escape", "syntax", "check");
  /** BuildKit's reWhitespace: what separates a keyword from its arguments. */
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000B\\f\\r ]+");
  private static final Pattern HEREDOC = Pattern.compile("(\\d*)<<(-?)([^<]*)", Pattern.DOTALL);
  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");
  private static final Set<String> HEREDOC_KEYWORDS = Set.of("run", "copy", "add");

  private final String source;
  private final String[] lines;
  private int next;
  private char escape = '\\';
  private Pattern continuation = continuationPattern('\\');
  private boolean directivesDone;
  private final Set<String> seenDirectives = new HashSet<>();

  private DockerfileParser(String content, String source) {
    this.source = source;
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    String[] split = text.split("\n", -1);
    int n = split.length;
    if (n > 0 && split[n - 1].isEmpty()) {
      n--; // a final newline does not start another line
    }
    lines = new String[n];
    for (int i = 0; i < n; i++) {
      String l = split[i];
      lines[i] = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }
  }

  /** Parses {@code content}; {@code source} (a file name or path) prefixes every error message. */
  public static Dockerfile parse(String content, String source) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(source, "source");
    return new DockerfileParser(content, source).run();
  }

  /** Reads and parses the Dockerfile at {@code path} (UTF-8); messages name the path. */
  public static Dockerfile parse(Path path) throws IOException {
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  /**
   * Parses one ONBUILD trigger (as in {@link Instruction.OnBuild#trigger()}) into its instruction,
   * for a build whose FROM image carries it; {@code line} is where errors point. ONBUILD, FROM and
   * MAINTAINER are refused, as Docker does.
   */
  public static Instruction parseTrigger(String trigger, String source, int line, char escape) {
    return new InstructionParser(source, escape).trigger(trigger, line);
  }

  /**
   * Whether {@code word} is a heredoc word ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}) and
   * if so its delimiter, quotes removed; null otherwise (BuildKit's ParseHeredoc).
   */
  static HeredocWord heredocWord(String word) {
    Matcher m = HEREDOC.matcher(word);
    if (!m.matches()) {
      return null;
    }
    boolean chomp = m.group(2).equals("-");
    String rest = m.group(3);
    if (rest.isEmpty()) {
      return null;
    }
    List<String> words = new ShellLexer('\\', k -> null).skipUnsetEnv(true).process(rest).words();
    if (words.size() != 1) {
      return null;
    }
    List<String> raw = new ShellLexer('\\', k -> null).skipUnsetEnv(true).rawQuotes(true).process(rest).words();
    String name = words.get(0);
    boolean expand = raw.size() == 1 && quotes(name) == quotes(raw.get(0));
    return new HeredocWord(name, chomp, expand);
  }

  private static int quotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
        n++;
      }
    }
    return n;
  }

  /** A heredoc word: its delimiter {@code name}, {@code <<-} ({@code chomp}) and whether the body expands. */
  record HeredocWord(String name, boolean chomp, boolean expand) {}

  /** A heredoc with its body as read: {@code content} ends with a newline per line, tabs not stripped. */
  record RawHeredoc(HeredocWord word, String content, String terminatorLine) {
    /** The body with leading tabs stripped when the word was {@code <<-}. */
    String chomped() {
      return word.chomp() ? LEADING_TABS.matcher(content).replaceAll("") : content;
    }

    Heredoc toHeredoc() {
      return new Heredoc(word.name(), chomped(), word.expand());
    }
  }

  private Dockerfile run() {
    List<Instruction> instructions = new ArrayList<>();
    InstructionParser parser = null;
    while (next < lines.length) {
      int lineNo = next + 1;
      String trimmed = lines[next++].stripLeading();
      directive(trimmed, lineNo);
      if (trimmed.startsWith("#")) {
        continue;
      }
      String logical = trimmed;
      boolean end = true;
      Matcher c = continuation.matcher(logical);
      if (c.find()) {
        logical = logical.substring(0, c.start());
        end = false;
      }
      if (end && logical.isEmpty()) {
        continue;
      }
      while (!end && next < lines.length) {
        String raw = lines[next++];
        String t = raw.stripLeading();
        if (t.startsWith("#") || t.isEmpty()) {
          continue; // comment and empty lines inside a continuation are dropped
        }
        Matcher cc = continuation.matcher(raw);
        if (cc.find()) {
          logical += raw.substring(0, cc.start());
        } else {
          logical += raw;
          end = true;
        }
      }
      directivesDone = true;
      String original = logical.strip();
      if (original.isEmpty()) {
        continue;
      }
      if (parser == null) {
        parser = new InstructionParser(source, escape);
      }
      String keyword = WHITESPACE.split(original, 2)[0].toLowerCase(Locale.ROOT);
      List<RawHeredoc> heredocs = HEREDOC_KEYWORDS.contains(keyword) ? readHeredocs(original, lineNo) : List.of();
      StringBuilder text = new StringBuilder(original);
      for (RawHeredoc h : heredocs) {
        text.append('\n').append(h.content()).append(h.terminatorLine());
      }
      instructions.add(parser.parse(original, text.toString(), lineNo, heredocs));
    }
    return assemble(instructions);
  }

  private static Pattern continuationPattern(char escape) {
    return Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \\t]*$");
  }

  private void directive(String trimmed, int lineNo) {
    if (directivesDone) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(trimmed);
    if (!m.matches()) {
      directivesDone = true;
      return;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!DIRECTIVES.contains(key)) {
      directivesDone = true;
      return;
    }
    if (!seenDirectives.add(key)) {
      throw new DockerfileException(source, lineNo,
          "only one \"# " + key + "=\" parser directive can be used; remove the repeated one");
    }
    if (key.equals("escape")) {
      String value = m.group(2);
      if (!value.equals("`") && !value.equals("\\")) {
        throw new DockerfileException(source, lineNo,
            "invalid escape character '" + value + "': write # escape=\\ or # escape=`");
      }
      escape = value.charAt(0);
      continuation = continuationPattern(escape);
    }
  }

  /** Finds the heredoc words of {@code line} and reads their bodies from the following lines. */
  private List<RawHeredoc> readHeredocs(String line, int lineNo) {
    List<String> words;
    try {
      words = new ShellLexer('\\', k -> null).rawQuotes(true).rawEscapes(true).process(line).words();
    } catch (IllegalArgumentException e) {
      return List.of(); // not lexable as shell words (an open quote, say): no heredocs, as BuildKit
    }
    List<RawHeredoc> result = new ArrayList<>();
    for (String w : words) {
      HeredocWord hw;
      try {
        hw = heredocWord(w);
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(source, lineNo, "bad heredoc " + w + ": " + e.getMessage());
      }
      if (hw == null) {
        continue;
      }
      StringBuilder content = new StringBuilder();
      String terminator = null;
      while (next < lines.length) {
        String l = lines[next++];
        String candidate = hw.chomp() ? l.replaceFirst("^\\t+", "") : l;
        if (candidate.equals(hw.name())) {
          terminator = l;
          break;
        }
        content.append(l).append('\n');
      }
      if (terminator == null) {
        throw new DockerfileException(source, lineNo, "unterminated heredoc " + w
            + ": the file ended before a line with just \"" + hw.name() + "\"; add that line after the heredoc's body");
      }
      result.add(new RawHeredoc(hw, content.toString(), terminator));
    }
    return result;
  }

  private Dockerfile assemble(List<Instruction> instructions) {
    if (instructions.isEmpty()) {
      throw new DockerfileException(source, 1, "the Dockerfile has no instructions: start it with FROM <image>");
    }
    List<Instruction.Arg> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Map<String, Integer> stageLines = new HashMap<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction ins : instructions) {
      if (ins instanceof Instruction.From f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from.stageName(), from, body));
        }
        if (f.stageName() != null) {
          Integer first = stageLines.putIfAbsent(f.stageName(), f.line());
          if (first != null) {
            throw new DockerfileException(source, f.line(), "duplicate stage name \"" + f.stageName()
                + "\": line " + first + " already names a stage so; give this stage another name");
          }
        }
        from = f;
        body = new ArrayList<>();
      } else if (from == null) {
        if (ins instanceof Instruction.Arg a) {
          globalArgs.add(a);
        } else {
          throw new DockerfileException(source, ins.line(), ins.keyword()
              + " comes before the first FROM: a Dockerfile must start with FROM <image>"
              + " (only ARG and parser directives may come before it)");
        }
      } else {
        body.add(ins);
      }
    }
    if (from == null) {
      throw new DockerfileException(source, instructions.get(0).line(),
          "the Dockerfile has no FROM instruction: add FROM <image> after the ARGs");
    }
    stages.add(new Stage(stages.size(), from.stageName(), from, body));
    return new Dockerfile(source, escape, globalArgs, stages);
  }
}
