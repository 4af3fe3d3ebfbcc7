package dev.jcompose.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.build.dockerfile.BuilderFlags.Kind;
import dev.jcompose.build.dockerfile.DockerfileParser.HeredocWord;
import dev.jcompose.build.dockerfile.DockerfileParser.RawHeredoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one logical line (continuations joined, heredoc bodies read) into an {@link Instruction},
 * following BuildKit's line parsers and {@code instructions/parse.go}. Values stay as written;
 * only the structure (flags, JSON or shell form, key=value pairs, stage names) is decided here.
 */
final class InstructionParser {
  static final List<String> KEYWORDS = List.of("add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from",
      "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir");

  private static final Map<String, Kind> NO_FLAGS = Map.of();
  private static final Map<String, Kind> FROM_FLAGS = BuilderFlags.spec("platform", Kind.STRING);
  private static final Map<String, Kind> RUN_FLAGS =
      BuilderFlags.spec("mount", Kind.LIST, "network", Kind.STRING, "security", Kind.STRING);
  private static final Map<String, Kind> COPY_FLAGS = BuilderFlags.spec("from", Kind.STRING, "chown", Kind.STRING,
      "chmod", Kind.STRING, "link", Kind.BOOL, "parents", Kind.BOOL, "exclude", Kind.LIST);
  private static final Map<String, Kind> ADD_FLAGS = BuilderFlags.spec("chown", Kind.STRING, "chmod", Kind.STRING,
      "link", Kind.BOOL, "exclude", Kind.LIST, "checksum", Kind.STRING, "keep-git-dir", Kind.BOOL);
  private static final Map<String, Kind> HEALTHCHECK_FLAGS = BuilderFlags.spec("interval", Kind.STRING,
      "timeout", Kind.STRING, "start-period", Kind.STRING, "start-interval", Kind.STRING, "retries", Kind.STRING);

  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
  private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
  private static final Set<String> MOUNT_TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
  private static final Set<String> MOUNT_BARE_KEYS = Set.of("readonly", "ro", "readwrite", "rw", "required");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String source;
  private final char escape;

  InstructionParser(String source, char escape) {
    this.source = source;
    this.escape = escape;
  }

  private DockerfileException error(int line, String message) {
    return new DockerfileException(source, line, message);
  }

  /** Parses {@code original} (stripped, continuations joined); {@code text} is what Instruction.text() returns. */
  Instruction parse(String original, String text, int line, List<RawHeredoc> heredocs) {
    String[] kw = DockerfileParser.WHITESPACE.split(original, 2);
    String keyword = kw[0].toLowerCase(Locale.ROOT);
    String upper = keyword.toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(keyword)) {
      throw error(line, unknownInstruction(kw[0]));
    }
    BuilderFlags.Split split = BuilderFlags.extract(kw.length > 1 ? kw[1] : "");
    String rest = split.rest();
    return switch (keyword) {
      case "from" -> from(line, text, rest, flags(split, FROM_FLAGS, upper, line));
      case "run" -> run(line, text, rest, flags(split, RUN_FLAGS, upper, line), heredocs);
      case "copy" -> copy(line, text, rest, flags(split, COPY_FLAGS, upper, line), heredocs, false);
      case "add" -> copy(line, text, rest, flags(split, ADD_FLAGS, upper, line), heredocs, true);
      case "healthcheck" -> healthcheck(line, text, rest, flags(split, HEALTHCHECK_FLAGS, upper, line));
      case "onbuild" -> onbuild(line, text, original);
      default -> {
        flags(split, NO_FLAGS, upper, line);
        yield simple(keyword, upper, line, text, rest);
      }
    };
  }

  /** Parses an ONBUILD trigger as its own instruction. */
  Instruction trigger(String trigger, int line) {
    String t = trigger.strip();
    if (t.isEmpty()) {
      throw error(line, "ONBUILD requires an instruction to run later: write ONBUILD <INSTRUCTION> ...");
    }
    String kw = DockerfileParser.WHITESPACE.split(t, 2)[0].toUpperCase(Locale.ROOT);
    if (kw.equals("ONBUILD") || kw.equals("FROM") || kw.equals("MAINTAINER")) {
      throw error(line, kw + " isn't allowed as an ONBUILD trigger; ONBUILD takes any other instruction, e.g. ONBUILD RUN ...");
    }
    return parse(t, t, line, List.of());
  }

  private BuilderFlags flags(BuilderFlags.Split split, Map<String, Kind> spec, String keyword, int line) {
    return BuilderFlags.parse(split.flags(), spec, keyword, source, line);
  }

  private Instruction simple(String keyword, String upper, int line, String text, String rest) {
    switch (keyword) {
      case "env":
        return new Instruction.Env(line, text, nameValues(upper, line, rest));
      case "label":
        return new Instruction.Label(line, text, nameValues(upper, line, rest));
      case "arg":
        return arg(line, text, rest);
      case "cmd":
        return new Instruction.Cmd(line, text, command(upper, line, rest));
      case "entrypoint":
        return new Instruction.Entrypoint(line, text, command(upper, line, rest));
      case "shell": {
        List<String> json = rest.isEmpty() ? null : jsonArray(upper, line, rest);
        if (json == null) {
          throw error(line, "SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]");
        }
        if (json.isEmpty()) {
          throw error(line, "SHELL requires at least one argument, e.g. SHELL [\"/bin/sh\", \"-c\"]");
        }
        return new Instruction.Shell(line, text, json);
      }
      case "expose": {
        List<String> ports = words(rest);
        if (ports.isEmpty()) {
          throw error(line, "EXPOSE requires at least one argument: write EXPOSE <port>[/<protocol>] ...");
        }
        return new Instruction.Expose(line, text, ports);
      }
      case "volume": {
        List<String> json = jsonArray(upper, line, rest);
        List<String> paths = json != null ? json : words(rest);
        if (paths.isEmpty()) {
          throw error(line, "VOLUME requires at least one argument: write VOLUME /path or VOLUME [\"/path\"]");
        }
        for (String p : paths) {
          if (p.isBlank()) {
            throw error(line, "VOLUME specified can not be an empty string; remove the empty path");
          }
        }
        return new Instruction.Volume(line, text, paths);
      }
      case "workdir":
        return new Instruction.Workdir(line, text, required(upper, line, rest, "WORKDIR /path"));
      case "user":
        return new Instruction.User(line, text, required(upper, line, rest, "USER <user>[:<group>]"));
      case "stopsignal":
        return new Instruction.StopSignal(line, text, required(upper, line, rest, "STOPSIGNAL SIGTERM"));
      case "maintainer":
        return new Instruction.Maintainer(line, text, required(upper, line, rest, "MAINTAINER <name>"));
      default:
        throw new IllegalStateException(keyword);
    }
  }

  private String required(String upper, int line, String rest, String example) {
    if (rest.isEmpty()) {
      throw error(line, upper + " requires exactly one argument: write " + example);
    }
    return rest;
  }

  // ---- FROM

  private Instruction from(int line, String text, String rest, BuilderFlags flags) {
    List<String> args = words(rest);
    if (!(args.size() == 1 || (args.size() == 3 && args.get(1).equalsIgnoreCase("as")))) {
      throw error(line, "FROM requires either one or three arguments: write FROM <image> or FROM <image> AS <name>");
    }
    String name = null;
    if (args.size() == 3) {
      name = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw error(line, "invalid name for build stage: \"" + args.get(2)
            + "\"; a stage name starts with a letter and has only letters, digits, '-', '_' and '.'");
      }
    }
    return new Instruction.From(line, text, args.get(0), name, flags.string("platform"));
  }

  // ---- RUN

  private Instruction run(int line, String text, String rest, BuilderFlags flags, List<RawHeredoc> heredocs) {
    List<RunMount> mounts = new ArrayList<>();
    for (String m : flags.list("mount")) {
      mounts.add(mount(line, m));
    }
    String network = flags.string("network");
    if (network != null && !Set.of("default", "none", "host").contains(network)) {
      throw error(line, "RUN --network=" + network + " is not supported: use default, none or host");
    }
    String security = flags.string("security");
    if (security != null && !Set.of("sandbox", "insecure").contains(security)) {
      throw error(line, "RUN --security=" + security + " is not supported: use sandbox or insecure");
    }
    Command command;
    if (!heredocs.isEmpty()) {
      HeredocWord whole = DockerfileParser.heredocWord(rest);
      if (whole != null && heredocs.size() == 1) {
        command = Command.shell(heredocs.get(0).chomped());
      } else {
        StringBuilder script = new StringBuilder(rest);
        for (RawHeredoc h : heredocs) {
          script.append('\n').append(h.content()).append(h.word().name());
        }
        command = Command.shell(script.toString());
      }
    } else {
      command = command("RUN", line, rest);
      if (!command.shellForm() && command.args().isEmpty()) {
        throw error(line, "RUN requires at least one argument: write RUN <command> or RUN [\"executable\", \"arg\"]");
      }
    }
    return new Instruction.Run(line, text, command, mounts, network, security);
  }

  /** Parses one {@code --mount} value: comma-separated {@code key=value} fields (CSV quoting allowed). */
  private RunMount mount(int line, String spec) {
    String type = "bind";
    Map<String, String> options = new LinkedHashMap<>();
    for (String field : csv(spec)) {
      if (field.isEmpty()) {
        continue;
      }
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT).strip();
      if (eq < 0) {
        if (!MOUNT_BARE_KEYS.contains(key)) {
          throw error(line, "RUN --mount: field \"" + field + "\" must be a key=value pair, e.g. target=/path");
        }
        options.put(key, "true");
        continue;
      }
      String value = field.substring(eq + 1);
      if (key.equals("type")) {
        if (!MOUNT_TYPES.contains(value)) {
          throw error(line, "RUN --mount: unsupported mount type \"" + value + "\": use bind, cache, tmpfs, secret or ssh");
        }
        type = value;
      } else {
        options.put(key, value);
      }
    }
    return new RunMount(type, options);
  }

  private static List<String> csv(String s) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"' && f.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    fields.add(f.toString());
    return fields;
  }

  // ---- COPY / ADD

  private Instruction copy(int line, String text, String rest, BuilderFlags flags, List<RawHeredoc> heredocs,
      boolean add) {
    String upper = add ? "ADD" : "COPY";
    List<String> json = jsonArray(upper, line, rest);
    List<String> args = json != null ? json : words(rest);
    if (args.size() < 2) {
      throw error(line, upper + " requires at least two arguments, but " + (args.isEmpty() ? "none was" : "only one was")
          + " provided: write " + upper + " <source>... <destination>");
    }
    String dest = args.get(args.size() - 1);
    if (json == null && DockerfileParser.heredocWord(dest) != null) {
      throw error(line, upper + ": a heredoc can't be the destination; write " + upper + " <<EOF <destination>");
    }
    List<String> sources = new ArrayList<>();
    List<Heredoc> docs = new ArrayList<>();
    int k = 0;
    for (String src : args.subList(0, args.size() - 1)) {
      HeredocWord hw = json == null ? DockerfileParser.heredocWord(src) : null;
      if (hw != null && k < heredocs.size()) {
        docs.add(heredocs.get(k++).toHeredoc());
      } else {
        sources.add(src);
      }
    }
    return new Instruction.Copy(line, text, add, sources, docs, dest, flags.string("from"), flags.string("chown"),
        flags.string("chmod"), flags.bool("link"), flags.list("exclude"), flags.string("checksum"),
        flags.bool("keep-git-dir"));
  }

  // ---- HEALTHCHECK

  private Instruction healthcheck(int line, String text, String rest, BuilderFlags flags) {
    String[] parts = rest.isEmpty() ? new String[0] : rest.split("\\s+", 2);
    if (parts.length == 0) {
      throw error(line, "HEALTHCHECK requires an argument: write HEALTHCHECK [OPTIONS] CMD <command> or HEALTHCHECK NONE");
    }
    String type = parts[0].toUpperCase(Locale.ROOT);
    String cmd = parts.length > 1 ? parts[1] : "";
    if (type.equals("NONE")) {
      if (!cmd.isEmpty()) {
        throw error(line, "HEALTHCHECK NONE takes no arguments; remove \"" + cmd + "\"");
      }
      return new Instruction.Healthcheck(line, text, null, null, null, null, null, null);
    }
    if (!type.equals("CMD")) {
      throw error(line, "unknown type \"" + parts[0] + "\" in HEALTHCHECK: write HEALTHCHECK [OPTIONS] CMD <command> or HEALTHCHECK NONE");
    }
    if (cmd.isEmpty()) {
      throw error(line, "HEALTHCHECK CMD needs a command: write HEALTHCHECK CMD <command>");
    }
    Command test = command("HEALTHCHECK", line, cmd);
    Integer retries = null;
    String r = flags.string("retries");
    if (r != null && !r.isEmpty()) {
      try {
        retries = Integer.parseInt(r);
      } catch (NumberFormatException e) {
        throw error(line, "HEALTHCHECK --retries=" + r + " is not a number: write e.g. --retries=3");
      }
      if (retries < 0) {
        throw error(line, "HEALTHCHECK --retries cannot be negative (" + r + ")");
      }
    }
    return new Instruction.Healthcheck(line, text, test, duration(line, flags, "interval"),
        duration(line, flags, "timeout"), duration(line, flags, "start-period"),
        duration(line, flags, "start-interval"), retries);
  }

  private Duration duration(int line, BuilderFlags flags, String name) {
    String v = flags.string(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    Duration d;
    try {
      d = GoDuration.parse(v);
    } catch (IllegalArgumentException e) {
      throw error(line, "HEALTHCHECK --" + name + ": " + e.getMessage() + "; write e.g. 30s, 1m30s or 500ms");
    }
    if (d.isNegative() || (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0)) {
      throw error(line, "HEALTHCHECK --" + name + "=" + v + " cannot be less than 1ms (0 means the default)");
    }
    return d;
  }

  // ---- ONBUILD

  private Instruction onbuild(int line, String text, String original) {
    String trigger = ONBUILD_PREFIX.matcher(original).replaceFirst("");
    trigger(trigger, line); // validates now rather than when a child image is built
    return new Instruction.OnBuild(line, text, trigger);
  }

  // ---- ARG, ENV, LABEL

  private Instruction arg(int line, String text, String rest) {
    List<String> words = parseWords(rest);
    if (words.isEmpty()) {
      throw error(line, "ARG requires at least one argument: write ARG <name>[=<default>]");
    }
    List<ArgDefinition> defs = new ArrayList<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      String name = eq < 0 ? w : w.substring(0, eq);
      if (name.isEmpty()) {
        throw error(line, "ARG names can not be blank: write ARG <name>[=<default>]");
      }
      defs.add(new ArgDefinition(name, eq < 0 ? null : w.substring(eq + 1)));
    }
    return new Instruction.Arg(line, text, defs);
  }

  private List<KeyValue> nameValues(String upper, int line, String rest) {
    List<String> words = parseWords(rest);
    if (words.isEmpty()) {
      throw error(line, upper + " requires at least one argument: write " + upper + " <key>=<value> ...");
    }
    List<KeyValue> pairs = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      // legacy form: KEY value with spaces
      String[] parts = DockerfileParser.WHITESPACE.split(rest, 2);
      if (parts.length < 2 || parts[1].isEmpty()) {
        throw error(line, upper + " " + parts[0] + " has no value: write " + upper + " " + parts[0] + "=<value>");
      }
      pairs.add(new KeyValue(parts[0], parts[1]));
      return pairs;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq < 0) {
        throw error(line, upper + ": can't find = in \"" + w + "\"; write " + upper + " <key>=<value> ...");
      }
      if (eq == 0) {
        throw error(line, upper + " names can not be blank: write " + upper + " <key>=<value>");
      }
      pairs.add(new KeyValue(w.substring(0, eq), w.substring(eq + 1)));
    }
    return pairs;
  }

  /** BuildKit's parseWords: splits on whitespace outside quotes, keeping quotes and escapes as written. */
  private List<String> parseWords(String rest) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    int phase = inSpaces;
    char quote = 0;
    boolean blankOk = false;
    int n = rest.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos < n ? rest.charAt(pos) : 0;
      if (phase == inSpaces) {
        if (pos == n) {
          break;
        }
        if (ShellLexer.isSpace(ch)) {
          continue;
        }
        phase = inWord;
      }
      if (pos == n) {
        if (blankOk || w.length() > 0) {
          words.add(w.toString());
        }
        break;
      }
      if (phase == inWord) {
        if (ShellLexer.isSpace(ch)) {
          phase = inSpaces;
          if (blankOk || w.length() > 0) {
            words.add(w.toString());
          }
          w.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
        }
        if (ch == escape) {
          if (pos + 1 == n) {
            continue; // an escape at the end of the line is dropped
          }
          w.append(ch);
          ch = rest.charAt(++pos);
        }
        w.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) {
        phase = inWord;
      }
      if (ch == escape && quote != '\'') {
        if (pos + 1 == n) {
          phase = inWord;
          continue;
        }
        w.append(ch);
        ch = rest.charAt(++pos);
      }
      w.append(ch);
    }
    return words;
  }

  // ---- shared

  /** JSON (exec) form when {@code rest} is a JSON array of strings, else shell form; empty is an error. */
  private Command command(String upper, int line, String rest) {
    if (rest.isEmpty()) {
      String clear = upper.equals("RUN") || upper.equals("HEALTHCHECK") ? "" : " (" + upper + " [] clears it)";
      throw error(line, upper + " requires at least one argument: write " + upper + " <command> or " + upper
          + " [\"executable\", \"arg\"]" + clear);
    }
    List<String> json = jsonArray(upper, line, rest);
    return json != null ? Command.exec(json) : Command.shell(rest);
  }

  /**
   * The strings of {@code rest} if it is a JSON array, or null when it is not JSON (Docker then
   * uses shell form); an array holding something other than strings is an error.
   */
  private List<String> jsonArray(String upper, int line, String rest) {
    String s = rest.stripLeading();
    if (!s.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw error(line, upper + ": when using JSON array syntax, arrays must be comprised of strings only: "
            + "quote " + e + " as \"" + e.asText() + "\"");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static List<String> words(String rest) {
    List<String> out = new ArrayList<>();
    for (String w : DockerfileParser.WHITESPACE.split(rest.strip())) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private static String unknownInstruction(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : KEYWORDS) {
      int d = editDistance(lower, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    String message = "unknown instruction: " + word;
    if (best != null && bestDistance <= 2) {
      message += " (did you mean " + best.toUpperCase(Locale.ROOT) + "?)";
    } else {
      message += "; instructions are " + String.join(", ", KEYWORDS).toUpperCase(Locale.ROOT);
    }
    return message;
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
