package dev.jcompose.network;

/**
 * The addressing of one bridge network: its subnet and the gateway address the bridge carries.
 * The gateway is a usable host address of the subnet.
 */
public record SubnetAssignment(Ipv4Cidr subnet, Ipv4Address gateway) {

  public SubnetAssignment {
    if (subnet == null || gateway == null) {
      throw new IllegalArgumentException("subnet and gateway are required");
    }
    if (!subnet.isNetwork()) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid subnet " + subnet + ": it should be " + subnet.network());
    }
    if (!subnet.contains(gateway)) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "gateway " + gateway + " is not inside subnet " + subnet + "; give a gateway inside it, such as " + subnet.host(1));
    }
    if (!subnet.isUsableHost(gateway)) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "gateway " + gateway + " is the " + (gateway.equals(subnet.networkAddress()) ? "network" : "broadcast")
              + " address of " + subnet + "; give a host address such as " + subnet.host(1));
    }
  }

  /** The subnet with the gateway as first host ({@code .1}), Docker's default. */
  public static SubnetAssignment withFirstHostAsGateway(Ipv4Cidr subnet) {
    if (subnet.prefixLength() > 30) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "subnet " + subnet + " is too small for a bridge network: it needs room for a gateway and containers (/30 or larger)");
    }
    return new SubnetAssignment(subnet, subnet.host(1));
  }

  /** The address the bridge gets: the gateway with the subnet's prefix, {@code 172.18.0.1/16}. */
  public Ipv4Cidr gatewayCidr() {
    return subnet.withAddress(gateway);
  }
}
