package dev.jcompose.network;

/**
 * An IPv4 address with a prefix length: a subnet ({@code 172.18.0.0/16}) or an interface
 * address ({@code 172.18.0.2/16}). The address is kept as given; {@link #network()} gives the
 * subnet it belongs to.
 */
public record Ipv4Cidr(Ipv4Address address, int prefixLength) {

  public Ipv4Cidr {
    if (address == null) {
      throw new IllegalArgumentException("address is required");
    }
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32, not " + prefixLength);
    }
  }

  /** Parses {@code 172.18.0.0/16}; the prefix is required. */
  public static Ipv4Cidr parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 CIDR (expected ADDRESS/PREFIX such as 172.18.0.0/16)");
    }
    String prefix = text.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length (expected 0-32 after the slash)");
    }
    return new Ipv4Cidr(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(prefix));
  }

  public static Ipv4Cidr of(Ipv4Address address, int prefixLength) {
    return new Ipv4Cidr(address, prefixLength);
  }

  /** The netmask as bits: /16 → 0xFFFF0000. */
  public int maskBits() {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  public Ipv4Address networkAddress() {
    return Ipv4Address.of(address.bits() & maskBits());
  }

  public Ipv4Address broadcastAddress() {
    return Ipv4Address.of(address.bits() | ~maskBits());
  }

  /** The subnet this address is in: {@code 172.18.0.2/16} → {@code 172.18.0.0/16}. */
  public Ipv4Cidr network() {
    return new Ipv4Cidr(networkAddress(), prefixLength);
  }

  /** Whether the address is the subnet's own (all host bits zero). */
  public boolean isNetwork() {
    return address.equals(networkAddress());
  }

  /** The number of addresses, network and broadcast included. */
  public long size() {
    return 1L << (32 - prefixLength);
  }

  /** The number of addresses usable by hosts: all but network and broadcast (/31 and /32: all). */
  public long hostCount() {
    return prefixLength >= 31 ? size() : size() - 2;
  }

  public boolean contains(Ipv4Address a) {
    return (a.bits() & maskBits()) == (address.bits() & maskBits());
  }

  public boolean contains(Ipv4Cidr other) {
    return other.prefixLength >= prefixLength && contains(other.address);
  }

  public boolean overlaps(Ipv4Cidr other) {
    return contains(other.networkAddress()) || other.contains(networkAddress());
  }

  /**
   * The n-th host address of the subnet, counted from the network address: {@code host(1)} of
   * 172.18.0.0/16 is 172.18.0.1. Network and broadcast are not hosts (except in /31 and /32).
   */
  public Ipv4Address host(long n) {
    long first = prefixLength >= 31 ? 0 : 1;
    long last = prefixLength >= 31 ? size() - 1 : size() - 2;
    if (n < first || n > last) {
      throw new IllegalArgumentException(network() + " has no host number " + n + " (valid: " + first + "-" + last + ")");
    }
    return networkAddress().plus(n);
  }

  /** Whether {@code a} may be given to a host: inside, and neither network nor broadcast address. */
  public boolean isUsableHost(Ipv4Address a) {
    if (!contains(a)) {
      return false;
    }
    return prefixLength >= 31 || (!a.equals(networkAddress()) && !a.equals(broadcastAddress()));
  }

  /** The same prefix around another address: the gateway's interface address, say. */
  public Ipv4Cidr withAddress(Ipv4Address a) {
    return new Ipv4Cidr(a, prefixLength);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
