package dev.jcompose.network;

/** Whether a bridge network's containers reach beyond it: Compose's {@code internal: true} is {@link #INTERNAL}. */
public enum NetworkReach {
  /** Outgoing traffic is masqueraded to the host's address; the containers get a default route. */
  EXTERNAL,
  /**
   * No masquerade, nothing forwarded into or out of the bridge, and no default route in the
   * containers: they reach only each other (and the gateway address, where the DNS server is).
   */
  INTERNAL
}
