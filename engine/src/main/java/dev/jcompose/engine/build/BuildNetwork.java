package dev.jcompose.engine.build;

import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.build.BuildException;
import dev.jcompose.build.ExtraHosts;
import dev.jcompose.build.StepNetwork;
import dev.jcompose.engine.containers.ResolvConf;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.networks.NetworkService;
import dev.jcompose.network.ContainerResolvConf;
import dev.jcompose.network.Ipv4Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * RUN containers' networks, as dockerd gives them: {@code default} is the default bridge (with
 * the host's nameservers), a network name is that network (with its embedded DNS), {@code host}
 * shares the host's, {@code none} has only loopback.
 */
final class BuildNetwork implements StepNetwork {
  private final NetworkService networks;

  BuildNetwork(NetworkService networks) {
    this.networks = networks;
  }

  @Override
  public Session open(String containerId, String mode, List<String> extraHosts) {
    if (mode.equals("host") || mode.equals("none")) {
      return StepNetwork.hostOrNone().open(containerId, mode, extraHosts);
    }
    String extra = ExtraHosts.render(extraHosts);
    String hostResolv = read("/etc/resolv.conf");
    String network = mode.equals("default") || mode.equals("bridge") ? NetworkService.DEFAULT_BRIDGE : mode;
    try {
      networks.require(network);
    } catch (ApiException e) {
      throw new BuildException("the build network " + mode + " does not exist (create it, or use default, host or none)");
    }
    Optional<String> dns = networks.nameserverFor(List.of(network));
    String resolv = dns.isPresent() ? ContainerResolvConf.render(hostResolv, Ipv4Address.parse(dns.get()))
        : ResolvConf.forContainer(hostResolv);
    return new Attached(network, resolv, LOCALHOST + extra);
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }

  private final class Attached implements Session {
    private final String network;
    private final String resolvConf;
    private final String hosts;
    private Endpoint endpoint;

    Attached(String network, String resolvConf, String hosts) {
      this.network = network;
      this.resolvConf = resolvConf;
      this.hosts = hosts;
    }

    @Override
    public boolean newNetworkNamespace() {
      return true;
    }

    @Override
    public String resolvConf() {
      return resolvConf;
    }

    @Override
    public String hosts() {
      return hosts;
    }

    @Override
    public void attach(long pid) {
      try {
        endpoint = networks.attach(pid, network, 0, List.of(), null);
      } catch (ApiException e) {
        throw new BuildException("could not connect the RUN container to network " + network + ": " + e.getMessage(), e);
      }
    }

    @Override
    public synchronized void close() {
      if (endpoint != null) {
        networks.release(endpoint);
        endpoint = null;
      }
    }
  }
}
