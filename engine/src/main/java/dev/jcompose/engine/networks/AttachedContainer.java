package dev.jcompose.engine.networks;

import java.util.Map;

/** What the network side needs to know of a container: its name and live endpoints by network name. */
public record AttachedContainer(String id, String name, String hostname, Map<String, Endpoint> endpoints) {
  public AttachedContainer {
    endpoints = Map.copyOf(endpoints);
  }
}
