package dev.jcompose.engine.networks;

import java.time.Instant;
import java.util.Map;

/** A network as the engine keeps it in {@code <root>/networks/<id>/network.json}. */
public record NetworkRecord(
    String id,
    String name,
    String driver,
    String bridgeName,
    String subnet,
    String gateway,
    boolean internal,
    boolean attachable,
    Map<String, String> labels,
    Map<String, String> options,
    Instant created) {
  public NetworkRecord {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
