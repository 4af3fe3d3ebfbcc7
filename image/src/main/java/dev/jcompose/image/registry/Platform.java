package dev.jcompose.image.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** An image's platform, {@code os/architecture[/variant]}, as in an index and in Compose's {@code platform:}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Platform(String os, String architecture, String variant) {

  /** Parses {@code linux/amd64} or {@code linux/arm64/v8}. */
  public static Platform parse(String text) {
    String[] p = text.strip().split("/");
    if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
      throw new IllegalArgumentException("a platform is OS/ARCH[/VARIANT] such as linux/amd64, got \"" + text + "\"");
    }
    return new Platform(p[0], p[1], p.length == 3 ? p[2] : null);
  }

  /** The platform this JVM runs on, in Go's names (amd64, arm64) as images use them. */
  public static Platform host() {
    String arch = switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> System.getProperty("os.arch");
    };
    return new Platform("linux", arch, null);
  }

  /** True when {@code candidate} (from an index) can run here; a wanted variant must match, none wanted matches any. */
  public boolean accepts(Platform candidate) {
    return candidate != null && os.equals(candidate.os()) && architecture.equals(candidate.architecture())
        && (variant == null || variant.equals(candidate.variant()));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
