package dev.jcompose.image.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code WWW-Authenticate} header: {@code Bearer realm="…",service="…",scope="…"} or {@code Basic realm="…"}. */
public record AuthChallenge(String scheme, Map<String, String> params) {
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

  public AuthChallenge {
    params = Map.copyOf(params);
  }

  public static AuthChallenge parse(String header) {
    if (header == null || header.isBlank()) {
      throw new IllegalArgumentException("the registry answered 401 without a WWW-Authenticate header");
    }
    String h = header.strip();
    int space = h.indexOf(' ');
    String scheme = space < 0 ? h : h.substring(0, space);
    Map<String, String> params = new LinkedHashMap<>();
    if (space > 0) {
      Matcher m = PARAM.matcher(h.substring(space + 1));
      while (m.find()) {
        params.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3));
      }
    }
    return new AuthChallenge(scheme, params);
  }

  public boolean isBearer() {
    return scheme.equalsIgnoreCase("Bearer");
  }

  public boolean isBasic() {
    return scheme.equalsIgnoreCase("Basic");
  }
}
