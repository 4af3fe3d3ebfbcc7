package dev.jcompose.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of address space that network subnets are cut from: {@code base} split into subnets
 * of prefix length {@code size}, as Docker's {@code default-address-pools} entries
 * ({@code {"base":"192.168.0.0/16","size":20}}).
 */
public record AddressPool(Ipv4Cidr base, int size) {

  /**
   * Docker's default pools, in Docker's order: 172.17.0.0/16 … 172.31.0.0/16 as one /16 each,
   * then 192.168.0.0/16 in /20 steps.
   */
  public static final List<AddressPool> DOCKER_DEFAULTS = dockerDefaults();

  public AddressPool {
    if (base == null) {
      throw new IllegalArgumentException("pool base is required");
    }
    if (!base.isNetwork()) {
      throw new IllegalArgumentException("pool base " + base + " is not a network address (did you mean " + base.network() + "?)");
    }
    if (size < base.prefixLength() || size > 30) {
      throw new IllegalArgumentException("pool size /" + size + " must be between /" + base.prefixLength() + " and /30 for base " + base);
    }
  }

  public static AddressPool of(String base, int size) {
    return new AddressPool(Ipv4Cidr.parse(base), size);
  }

  /** The number of subnets in the pool. */
  public long subnetCount() {
    return 1L << (size - base.prefixLength());
  }

  /** The i-th subnet, 0-based. */
  public Ipv4Cidr subnet(long i) {
    if (i < 0 || i >= subnetCount()) {
      throw new IllegalArgumentException("pool " + this + " has no subnet number " + i);
    }
    return Ipv4Cidr.of(base.networkAddress().plus(i << (32 - size)), size);
  }

  @Override
  public String toString() {
    return base + " in /" + size + " steps";
  }

  private static List<AddressPool> dockerDefaults() {
    List<AddressPool> pools = new ArrayList<>();
    for (int second = 17; second <= 31; second++) {
      pools.add(new AddressPool(Ipv4Cidr.of(Ipv4Address.of(172, second, 0, 0), 16), 16));
    }
    pools.add(new AddressPool(Ipv4Cidr.of(Ipv4Address.of(192, 168, 0, 0), 16), 20));
    return List.copyOf(pools);
  }
}
