package dev.jcompose.network;

import java.util.Locale;

/** The transport protocol of a published port, as Compose writes it ({@code 8080:80/udp}). */
public enum TransportProtocol {
  TCP,
  UDP;

  /** Parses {@code tcp} or {@code udp} (any case); null or empty is tcp, Docker's default. */
  public static TransportProtocol parse(String text) {
    if (text == null || text.isEmpty()) {
      return TCP;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "tcp":
      case "6":
        return TCP;
      case "udp":
      case "17":
        return UDP;
      default:
        throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
            "unsupported port protocol \"" + text + "\"; use tcp or udp (sctp is not supported yet)");
    }
  }

  /** The name nftables and Docker use: {@code tcp}, {@code udp}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
