package dev.jcompose.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The engine's handle on name resolution: a {@link DnsServer} on each user network's gateway and
 * the {@link DnsNameRegistry} it answers from. A network whose server could not start is logged
 * and left out ({@link #nameserverFor} is then empty and the container keeps the host's
 * nameservers), because a network without container names is better than no network.
 * {@link #disabled()} is the same without any server (tests, or a host where port 53 cannot be had).
 */
public final class EmbeddedDns implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EmbeddedDns.class.getName());

  private final DnsServer server;
  private final DnsNameRegistry names;

  private EmbeddedDns(DnsServer server, DnsNameRegistry names) {
    this.server = server;
    this.names = names;
  }

  /** Forwarding to the nameservers of the host's /etc/resolv.conf. */
  public static EmbeddedDns onHost() {
    String resolvConf;
    try {
      resolvConf = Files.readString(Path.of("/etc/resolv.conf"));
    } catch (java.io.IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read /etc/resolv.conf (" + e.getMessage()
          + "): containers' DNS server will answer only container names");
      resolvConf = "";
    }
    DnsNameRegistry names = new DnsNameRegistry();
    return new EmbeddedDns(DnsServer.start(names, DnsUpstreams.fromResolvConf(resolvConf)), names);
  }

  public static EmbeddedDns using(DnsServer server, DnsNameRegistry names) {
    return new EmbeddedDns(server, names);
  }

  public static EmbeddedDns disabled() {
    return new EmbeddedDns(null, new DnsNameRegistry());
  }

  /** Starts answering on a network's gateway; false (logged) when the server cannot bind there. */
  public boolean serve(String networkName, Ipv4Address gateway) {
    if (server == null) {
      return false;
    }
    try {
      server.listen(gateway);
      return true;
    } catch (NetworkException e) {
      LOG.log(System.Logger.Level.WARNING, "network " + networkName + ": no embedded DNS server, containers will resolve"
          + " only through /etc/hosts and the host's nameservers: " + e.getMessage());
      return false;
    }
  }

  /** Stops answering on a removed network's gateway and forgets its names. */
  public void stop(String networkKey, Ipv4Address gateway) {
    if (server != null) {
      server.stopListening(gateway);
    }
    names.unregisterNetwork(networkKey);
  }

  public void register(String containerKey, String networkKey, Ipv4Address address, Collection<String> names) {
    this.names.register(containerKey, networkKey, address, names);
  }

  /** A registered container's link aliases and own nameservers (see {@link DnsNameRegistry.ResolverSettings}). */
  public void configure(String containerKey, DnsNameRegistry.ResolverSettings resolver) {
    names.configure(containerKey, resolver);
  }

  public void unregister(String networkKey, Ipv4Address address) {
    names.unregister(networkKey, address);
  }

  /** The nameserver a container should use: the first of its networks' gateways that has a server. */
  public Optional<Ipv4Address> nameserverFor(List<Ipv4Address> gatewaysInOrder) {
    return server == null ? Optional.empty() : gatewaysInOrder.stream().filter(server::isListening).findFirst();
  }

  public DnsNameRegistry names() {
    return names;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
