package dev.jcompose.network;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Hands out container addresses inside one network's subnet. The gateway, the network and the
 * broadcast address are never handed out; addresses the caller already knows to be taken
 * (containers restored after an engine restart) are passed in as reserved.
 *
 * <p>Allocation is serial: it continues after the last address handed out and wraps around,
 * instead of reusing a just-released address at once. A container that takes over a fresh
 * address would otherwise inherit stale ARP and conntrack entries of its predecessor in the
 * other containers (Docker moved to serial allocation for the same reason).
 *
 * <p>Thread-safe.
 */
public final class AddressAllocator {

  private final SubnetAssignment network;
  private final TreeSet<Ipv4Address> taken = new TreeSet<>();
  private long lastHost;

  public AddressAllocator(SubnetAssignment network, Collection<Ipv4Address> reserved) {
    this.network = network;
    for (Ipv4Address a : reserved) {
      reserve(a);
    }
    this.lastHost = 0;
  }

  public SubnetAssignment network() {
    return network;
  }

  /** The next free address, as {@code 172.18.0.2/16} (the subnet's prefix, ready for the interface). */
  public synchronized Ipv4Cidr allocate() {
    Ipv4Cidr subnet = network.subnet();
    long first = subnet.prefixLength() >= 31 ? 0 : 1;
    long last = subnet.prefixLength() >= 31 ? subnet.size() - 1 : subnet.size() - 2;
    long count = last - first + 1;
    for (long step = 1; step <= count; step++) {
      long host = first + Math.floorMod(lastHost - first + step, count);
      Ipv4Address candidate = subnet.networkAddress().plus(host);
      if (!isTaken(candidate)) {
        taken.add(candidate);
        lastHost = host;
        return subnet.withAddress(candidate);
      }
    }
    throw new NetworkException(NetworkException.Kind.EXHAUSTED,
        "no available IPv4 addresses on this network's address pools: all " + subnet.hostCount() + " host addresses of "
            + subnet + " are in use; remove containers from the network or recreate it with a larger subnet");
  }

  /** A specific address (a service's {@code ipv4_address}); fails when taken or not usable. */
  public synchronized Ipv4Cidr allocate(Ipv4Address requested) {
    check(requested);
    if (isTaken(requested)) {
      throw new NetworkException(NetworkException.Kind.CONFLICT,
          "Address already in use: " + requested + " is "
              + (requested.equals(network.gateway()) ? "the gateway of " : "given to another container on ")
              + network.subnet() + "; choose another ipv4_address or leave it out");
    }
    taken.add(requested);
    return network.subnet().withAddress(requested);
  }

  /** Marks an address as taken without checking whether it was free (state restored from disk). */
  public synchronized void reserve(Ipv4Address address) {
    check(address);
    taken.add(address);
  }

  /** Frees an address; returns whether it was taken. */
  public synchronized boolean release(Ipv4Address address) {
    return taken.remove(address);
  }

  /** The addresses handed out or reserved, gateway excluded, in address order. */
  public synchronized SortedSet<Ipv4Address> allocated() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(taken));
  }

  private boolean isTaken(Ipv4Address a) {
    return a.equals(network.gateway()) || taken.contains(a);
  }

  private void check(Ipv4Address a) {
    if (!network.subnet().isUsableHost(a)) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "address " + a + " cannot be given to a container on " + network.subnet()
              + (network.subnet().contains(a) ? " (it is the network or broadcast address)" : " (it is outside the subnet)"));
    }
  }
}
