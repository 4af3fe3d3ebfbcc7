package dev.jcompose.build;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ARGs a stage sees, as Docker resolves them: a declared ARG takes the {@code --build-arg}
 * value when one is given, else its default; a global ARG (before the first FROM) is visible in a
 * stage only once the stage declares it again. The platform ARGs ({@code TARGETARCH} and friends)
 * have values without a build-arg; the proxy ARGs ({@code HTTP_PROXY}...) reach RUN without being
 * declared, as in Docker.
 */
final class ArgScope {
  static final Map<String, String> AUTOMATIC = Map.of(
      "TARGETPLATFORM", "linux/amd64", "TARGETOS", "linux", "TARGETARCH", "amd64", "TARGETVARIANT", "",
      "BUILDPLATFORM", "linux/amd64", "BUILDOS", "linux", "BUILDARCH", "amd64", "BUILDVARIANT", "");
  static final Set<String> PROXY = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
      "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  private final Map<String, String> buildArgs;
  private final Set<String> consumed;
  private final Map<String, String> globals;
  private final Map<String, String> declared = new LinkedHashMap<>();

  ArgScope(Map<String, String> buildArgs, Set<String> consumed, Map<String, String> globals) {
    this.buildArgs = buildArgs;
    this.consumed = consumed;
    this.globals = globals;
  }

  /** Declares {@code name}; {@code defaultValue} is already expanded, or null when there is none. */
  void declare(String name, String defaultValue) {
    String value;
    if (buildArgs.containsKey(name)) {
      consumed.add(name);
      value = buildArgs.get(name);
    } else if (defaultValue != null) {
      value = defaultValue;
    } else if (globals.containsKey(name)) {
      value = globals.get(name);
    } else {
      value = AUTOMATIC.get(name);
    }
    declared.put(name, value);
  }

  /** The value of a declared ARG; null when it is not declared or has no value. */
  String get(String name) {
    return declared.get(name);
  }

  boolean isDeclared(String name) {
    return declared.containsKey(name);
  }

  /** The ARGs a RUN sees as environment variables ({@code K=V}), those the image's ENV sets excluded. */
  List<String> runEnvironment(Set<String> envNames) {
    Map<String, String> out = new LinkedHashMap<>();
    declared.forEach((k, v) -> {
      if (v != null && !envNames.contains(k)) {
        out.put(k, v);
      }
    });
    for (String p : PROXY) {
      if (buildArgs.containsKey(p) && buildArgs.get(p) != null && !envNames.contains(p)) {
        consumed.add(p);
        out.putIfAbsent(p, buildArgs.get(p));
      }
    }
    return out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** Names of declared ARGs, in declaration order. */
  Set<String> names() {
    return new LinkedHashSet<>(declared.keySet());
  }
}
