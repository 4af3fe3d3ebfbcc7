package dev.jcompose.network;

/**
 * An IPv4 address as its 32 bits ({@code 172.18.0.2}). Compares as an unsigned number, so a
 * sorted list of addresses is in address order.
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

  /** Parses dotted-quad text such as {@code 172.18.0.2}; refuses anything else. */
  public static Ipv4Address parse(String text) {
    if (text == null) {
      throw invalid(text);
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid(text);
    }
    int bits = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw invalid(text);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
        throw invalid(text); // leading zeros are read as octal by some tools: refuse the ambiguity
      }
      bits = (bits << 8) | octet;
    }
    return new Ipv4Address(bits);
  }

  /** Whether {@code text} is a dotted-quad IPv4 address. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static Ipv4Address of(int bits) {
    return new Ipv4Address(bits);
  }

  public static Ipv4Address of(int a, int b, int c, int d) {
    for (int o : new int[] {a, b, c, d}) {
      if (o < 0 || o > 255) {
        throw new IllegalArgumentException("not an IPv4 octet: " + o);
      }
    }
    return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
  }

  /** The bits as an unsigned number, 0 … 2^32-1. */
  public long unsigned() {
    return bits & 0xFFFF_FFFFL;
  }

  /** The address {@code n} further on (n may be negative); must stay inside 0.0.0.0 … 255.255.255.255. */
  public Ipv4Address plus(long n) {
    long v = unsigned() + n;
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(this + " + " + n + " is outside the IPv4 address space");
    }
    return new Ipv4Address((int) v);
  }

  public int octet(int index) {
    return (bits >>> (24 - 8 * index)) & 0xFF;
  }

  public boolean isLoopback() {
    return octet(0) == 127;
  }

  public boolean isUnspecified() {
    return bits == 0;
  }

  @Override
  public int compareTo(Ipv4Address o) {
    return Integer.compareUnsigned(bits, o.bits);
  }

  @Override
  public String toString() {
    return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("\"" + text + "\" is not an IPv4 address (expected four numbers 0-255 such as 172.18.0.2)");
  }
}
