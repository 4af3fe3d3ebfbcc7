package dev.jcompose.network;

/**
 * A host port that jcompose has published, as recorded in its nftables table: protocol, host
 * address ({@code 0.0.0.0} for all) and port, and the container it belongs to.
 */
public record PublishedPort(TransportProtocol protocol, String hostIp, int hostPort, String containerKey) {

  /** Whether publishing {@code hostIp:hostPort} would clash with this one. */
  public boolean clashesWith(TransportProtocol proto, String otherHostIp, int otherPort) {
    if (proto != protocol || otherPort != hostPort) {
      return false;
    }
    return hostIp.equals(PortMapping.ALL_ADDRESSES) || otherHostIp.equals(PortMapping.ALL_ADDRESSES) || hostIp.equals(otherHostIp);
  }
}
