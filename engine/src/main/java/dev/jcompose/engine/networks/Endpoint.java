package dev.jcompose.engine.networks;

import java.util.List;

/** A container's place on one network: its address, names and host-side veth. */
public record Endpoint(
    String networkId,
    String networkName,
    String endpointId,
    String ipAddress,
    int prefixLength,
    String gateway,
    String macAddress,
    List<String> aliases,
    String hostVeth) {
  public Endpoint {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
