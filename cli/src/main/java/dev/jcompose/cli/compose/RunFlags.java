package dev.jcompose.cli.compose;

import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.ServiceVolume;
import dev.jcompose.compose.normalize.PortSyntax;
import dev.jcompose.compose.normalize.VolumeSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses what {@code jcompose run} takes on its command line ({@code -e}, {@code -l}, {@code -v},
 * {@code -p}, {@code --entrypoint}); each error names the flag, the bad value and what to write.
 */
public final class RunFlags {
  private RunFlags() {}

  /**
   * {@code -e KEY=VALUE} sets a variable; {@code -e KEY} passes it from {@code lookup} (the
   * environment Compose interpolates with), and is left out when unset there, as Compose does.
   */
  public static Map<String, String> parseEnv(List<String> flags, Function<String, String> lookup) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : flags) {
      int eq = e.indexOf('=');
      String key = eq < 0 ? e : e.substring(0, eq);
      if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
        throw new UserFacingException("invalid -e \"" + e + "\": write KEY=VALUE to set a variable, or KEY to pass it from "
            + "your environment (the name cannot be empty or contain spaces)");
      }
      if (eq >= 0) {
        out.put(key, e.substring(eq + 1));
      } else if (lookup.apply(key) != null) {
        out.put(key, lookup.apply(key));
      }
    }
    return out;
  }

  /** {@code -l KEY=VALUE}, as Compose: the value may be empty, the key may not. */
  public static Map<String, String> parseLabels(List<String> flags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String l : flags) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new UserFacingException("invalid -l \"" + l + "\": a label must be set as KEY=VALUE, e.g. -l com.example.purpose=migration");
      }
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  /**
   * {@code -v} in the Compose short syntax {@code [SOURCE:]TARGET[:MODE]}: a source starting with
   * {@code .}, {@code /} or {@code ~} is a bind mount (relative to {@code cwd}, as {@code docker run}
   * resolves it), another source is a volume declared under the top-level {@code volumes:} key,
   * and a lone target is an anonymous volume.
   */
  public static ServiceVolume parseVolume(String raw, Path cwd) {
    VolumeSyntax.Spec spec;
    try {
      spec = VolumeSyntax.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("invalid -v \"" + raw + "\": " + e.getMessage() + "; write [SOURCE:]TARGET[:MODE], e.g. "
          + "-v ./data:/data, -v dbdata:/var/lib/db:ro or -v /cache");
    }
    if (!spec.target().startsWith("/")) {
      throw new UserFacingException("invalid -v \"" + raw + "\": the container path \"" + spec.target() + "\" must be absolute; "
          + "write [SOURCE:]TARGET[:MODE], e.g. -v ./data:/data");
    }
    if (spec.type().equals("bind")) {
      String source = spec.source();
      if (source.equals("~") || source.startsWith("~/")) {
        source = System.getProperty("user.home") + source.substring(1);
      }
      String absolute = cwd.resolve(source).normalize().toString();
      return new ServiceVolume(ServiceVolume.Type.BIND, absolute, spec.target(), spec.readOnly(),
          new ServiceVolume.Bind(spec.propagation(), true, spec.selinux()), null, null);
    }
    return new ServiceVolume(ServiceVolume.Type.VOLUME, spec.source(), spec.target(), spec.readOnly(), null,
        spec.nocopy() ? new ServiceVolume.Volume(true, null) : null, null);
  }

  /** {@code -p [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]}, ranges included, as {@code docker run -p}. */
  public static List<PortConfig> parsePublish(String raw) {
    try {
      List<PortConfig> out = new ArrayList<>();
      for (PortSyntax.Spec s : PortSyntax.parse(raw)) {
        out.add(new PortConfig(Integer.parseInt(s.target()), s.published(), s.hostIp(), s.protocol(), null, null, null));
      }
      return out;
    } catch (IllegalArgumentException e) {
      String detail = e.getMessage() == null ? "" : e.getMessage() + "; ";
      throw new UserFacingException("invalid -p \"" + raw + "\": " + detail + "write [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL], "
          + "e.g. -p 8080:80 or -p 127.0.0.1:5432:5432/tcp");
    }
  }

  /**
   * {@code --entrypoint "sh -c"} split into words as a POSIX shell would (single and double
   * quotes, backslash escapes), as Compose does with shellwords; an empty string clears the entrypoint.
   */
  public static List<String> parseWords(String flag, String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\' && i + 1 < text.length() && (quote == 0 || "\"\\$`".indexOf(text.charAt(i + 1)) >= 0)) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UserFacingException("invalid " + flag + " \"" + text + "\": a " + (quote == '"' ? "double" : "single")
          + " quote is not closed; write the words as in a shell, e.g. " + flag + " \"sh -c\"");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
