package dev.jcompose.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The names the embedded DNS server answers: per network, each container endpoint's address and
 * names (service name, container name, aliases). The engine registers an endpoint when a
 * container is attached and unregisters it when the container stops, so an answer changes the
 * moment a container is recreated with a new address.
 *
 * <p>Who asks decides what is visible: the asker is found by the source address of its query,
 * and only the names on the networks that asker's container is attached to are answered, as
 * Docker does; names of other networks stay unknown (and are forwarded upstream like any other).
 * Thread-safe: the DNS event loop reads while the engine writes.
 */
public final class DnsNameRegistry {

  /** One container's place on one network, as DNS sees it. */
  public record Registration(String containerKey, String networkKey, Ipv4Address address, Set<String> names) {
    public Registration {
      Set<String> normalized = new LinkedHashSet<>();
      for (String n : names) {
        if (n != null && !n.isBlank()) {
          normalized.add(normalize(n));
        }
      }
      names = Set.copyOf(normalized);
    }
  }

  /** networkKey → address → registration. Addresses are unique within a network. */
  private final Map<String, Map<Ipv4Address, Registration>> networks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();
  /** containerKey → its resolver settings (link aliases, own upstreams), dropped with its last endpoint. */
  private final Map<String, ResolverSettings> settings = new ConcurrentHashMap<>();

  /**
   * What one container's queries see beyond its networks' names, as Docker's per-sandbox resolver:
   *
   * @param links     alias → target name ({@code links: [db:database]} gives "database" → "project-db-1"):
   *                  the alias resolves to what the target name resolves to, for this container only
   * @param upstreams its own nameservers ({@code dns:}), asked instead of the host's; empty: the host's
   */
  public record ResolverSettings(Map<String, String> links, DnsUpstreams upstreams) {
    public ResolverSettings {
      Map<String, String> normalized = new java.util.LinkedHashMap<>();
      links.forEach((alias, target) -> normalized.put(normalize(alias), normalize(target)));
      links = Map.copyOf(normalized);
      upstreams = upstreams == null ? DnsUpstreams.none() : upstreams;
    }
  }

  /**
   * Sets a registered container's link aliases and own upstreams; they are forgotten when its last
   * endpoint is unregistered.
   */
  public void configure(String containerKey, ResolverSettings resolver) {
    settings.put(containerKey, resolver);
  }

  /** The asker's own nameservers ({@code dns:}), when its container has any. */
  public Optional<DnsUpstreams> upstreamsOf(Ipv4Address asker) {
    for (String key : containersOf(asker)) {
      ResolverSettings r = settings.get(key);
      if (r != null && !r.upstreams().isEmpty()) {
        return Optional.of(r.upstreams());
      }
    }
    return Optional.empty();
  }

  /** The name to look up for {@code wanted}: the link target when the asker's container links it by that alias. */
  private String linkTarget(Ipv4Address asker, String wanted) {
    for (String key : containersOf(asker)) {
      ResolverSettings r = settings.get(key);
      if (r != null && r.links().containsKey(wanted)) {
        return r.links().get(wanted);
      }
    }
    return wanted;
  }

  /**
   * Registers (or replaces) the endpoint at {@code address} on {@code networkKey}.
   *
   * @param containerKey the same for all endpoints of one container: it is how a container on
   *     several networks sees the names of all of them
   */
  public void register(String containerKey, String networkKey, Ipv4Address address, Collection<String> names) {
    networks.computeIfAbsent(networkKey, k -> new ConcurrentHashMap<>())
        .put(address, new Registration(containerKey, networkKey, address, Set.copyOf(names)));
  }

  /** Forgets the endpoint at {@code address} on {@code networkKey}; nothing happens when there is none. */
  public void unregister(String networkKey, Ipv4Address address) {
    Map<Ipv4Address, Registration> n = networks.get(networkKey);
    Registration gone = n == null ? null : n.remove(address);
    if (gone != null && networks.values().stream().flatMap(m -> m.values().stream())
        .noneMatch(r -> r.containerKey().equals(gone.containerKey()))) {
      settings.remove(gone.containerKey());
    }
  }

  /** Forgets every endpoint of a network (it was removed). */
  public void unregisterNetwork(String networkKey) {
    networks.remove(networkKey);
  }

  /** Whether {@code asker} is a registered container endpoint: only those get answers. */
  public boolean knows(Ipv4Address asker) {
    return !networksOf(asker).isEmpty();
  }

  /** Whether {@code name} is known on the networks of {@code asker} (no rotation). */
  public boolean resolves(Ipv4Address asker, String name) {
    String wanted = linkTarget(asker, normalize(name));
    for (String network : networksOf(asker)) {
      for (Registration r : networks.getOrDefault(network, Map.of()).values()) {
        if (r.names().contains(wanted)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The addresses {@code name} has on the networks of {@code asker}, rotated by one on every
   * call (round-robin over a service's replicas); empty when the name is unknown there.
   */
  public List<Ipv4Address> lookup(Ipv4Address asker, String name) {
    String wanted = linkTarget(asker, normalize(name));
    Set<Ipv4Address> found = new HashSet<>();
    for (String network : networksOf(asker)) {
      for (Registration r : networks.getOrDefault(network, Map.of()).values()) {
        if (r.names().contains(wanted)) {
          found.add(r.address());
        }
      }
    }
    if (found.size() <= 1) {
      return List.copyOf(found);
    }
    List<Ipv4Address> sorted = new ArrayList<>(found);
    sorted.sort(null);
    int shift = Math.floorMod(rotation.computeIfAbsent(wanted, k -> new AtomicInteger()).getAndIncrement(), sorted.size());
    List<Ipv4Address> rotated = new ArrayList<>(sorted.subList(shift, sorted.size()));
    rotated.addAll(sorted.subList(0, shift));
    return rotated;
  }

  /** What is registered on a network, for inspection and tests. */
  public List<Registration> registrationsOn(String networkKey) {
    return List.copyOf(networks.getOrDefault(networkKey, Map.of()).values());
  }

  /** The containers (keys) with an endpoint at the asker's address; one, except while a network is renumbered. */
  private Set<String> containersOf(Ipv4Address asker) {
    Set<String> containers = new HashSet<>();
    for (Map<Ipv4Address, Registration> n : networks.values()) {
      Registration r = n.get(asker);
      if (r != null) {
        containers.add(r.containerKey());
      }
    }
    return containers;
  }

  private Set<String> networksOf(Ipv4Address asker) {
    Set<String> containers = containersOf(asker);
    Set<String> out = new HashSet<>();
    if (containers.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, Map<Ipv4Address, Registration>> n : networks.entrySet()) {
      for (Registration r : n.getValue().values()) {
        if (containers.contains(r.containerKey())) {
          out.add(n.getKey());
        }
      }
    }
    return out;
  }

  /** DNS names compare without case and without the root's trailing dot. */
  static String normalize(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  /** The first registration found for an address on any network (for tests and messages). */
  Optional<Registration> registrationOf(Ipv4Address address) {
    return networks.values().stream().map(n -> n.get(address)).filter(r -> r != null).findFirst();
  }
}
