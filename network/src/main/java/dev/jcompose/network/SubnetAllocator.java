package dev.jcompose.network;

import java.util.Collection;
import java.util.List;

/**
 * Picks the subnet of a new bridge network (IPAM for networks), as Docker does: the first
 * subnet of the pools that overlaps neither a subnet already in use by another network nor a
 * route of the host. A user-given subnet is checked instead of chosen.
 *
 * <p>Stateless: the caller passes what is in use, so the engine's store stays the one truth.
 */
public final class SubnetAllocator {

  private final List<AddressPool> pools;

  public SubnetAllocator(List<AddressPool> pools) {
    if (pools.isEmpty()) {
      throw new IllegalArgumentException("at least one address pool is required");
    }
    this.pools = List.copyOf(pools);
  }

  /** Docker's default pools: 172.17-31.0.0/16, then 192.168.0.0/16 in /20 steps. */
  public static SubnetAllocator withDefaultPools() {
    return new SubnetAllocator(AddressPool.DOCKER_DEFAULTS);
  }

  /**
   * The first free subnet, with its first host as gateway.
   *
   * @param inUse subnets of the existing networks
   * @param hostRoutes route destinations of the host ({@link HostRoutes#parse})
   */
  public SubnetAssignment allocate(Collection<Ipv4Cidr> inUse, Collection<Ipv4Cidr> hostRoutes) {
    for (AddressPool pool : pools) {
      for (long i = 0; i < pool.subnetCount(); i++) {
        Ipv4Cidr candidate = pool.subnet(i);
        if (!overlapsAny(candidate, inUse) && !overlapsAny(candidate, hostRoutes)) {
          return SubnetAssignment.withFirstHostAsGateway(candidate);
        }
      }
    }
    throw new NetworkException(NetworkException.Kind.EXHAUSTED,
        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network ("
            + pools.size() + " pools tried, " + inUse.size() + " subnets in use, " + hostRoutes.size()
            + " host routes); remove unused networks (`jcompose network prune`) or give the network a subnet explicitly");
  }

  /**
   * Checks a user-given subnet ({@code ipam.config[].subnet}) and gateway (may be null or empty:
   * then the first host). Like Docker, a user-given subnet may overlap host routes (the user
   * knows the network), but not another network's subnet.
   */
  public SubnetAssignment requested(String subnet, String gateway, Collection<Ipv4Cidr> inUse) {
    Ipv4Cidr cidr;
    try {
      cidr = Ipv4Cidr.parse(subnet);
    } catch (IllegalArgumentException e) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT, "invalid subnet: " + e.getMessage(), e);
    }
    if (!cidr.isNetwork()) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid subnet " + cidr + ": it should be " + cidr.network());
    }
    for (Ipv4Cidr used : inUse) {
      if (used.overlaps(cidr)) {
        throw new NetworkException(NetworkException.Kind.CONFLICT,
            "Pool overlaps with other one on this address space: " + cidr + " overlaps " + used.network()
                + " of an existing network; choose a subnet that overlaps no other network");
      }
    }
    if (gateway == null || gateway.isBlank()) {
      return SubnetAssignment.withFirstHostAsGateway(cidr);
    }
    Ipv4Address gw;
    try {
      gw = Ipv4Address.parse(gateway.strip());
    } catch (IllegalArgumentException e) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT, "invalid gateway: " + e.getMessage(), e);
    }
    return new SubnetAssignment(cidr, gw);
  }

  private static boolean overlapsAny(Ipv4Cidr candidate, Collection<Ipv4Cidr> others) {
    for (Ipv4Cidr o : others) {
      if (candidate.overlaps(o)) {
        return true;
      }
    }
    return false;
  }
}
