package dev.jcompose.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's rules for a container's capabilities (moby {@code oci/caps.TweakCapabilities}):
 * privileged gets all; {@code cap_add: [ALL]} gets all but the dropped ones; {@code cap_drop: [ALL]}
 * gets only the added ones; otherwise the defaults minus the dropped plus the added.
 */
public final class Capabilities {
  static final String ALL = "ALL";

  private Capabilities() {}

  /** @throws IllegalArgumentException naming an unknown capability and the known ones */
  public static Set<Capability> resolve(List<String> add, List<String> drop, boolean privileged) {
    if (privileged) {
      return EnumSet.allOf(Capability.class);
    }
    List<String> adds = normalize(add, "cap_add");
    List<String> drops = normalize(drop, "cap_drop");
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    if (adds.contains(ALL)) {
      caps.addAll(EnumSet.allOf(Capability.class));
      drops.stream().filter(d -> !d.equals(ALL)).map(Capability::valueOf).forEach(caps::remove);
      return caps;
    }
    if (!drops.contains(ALL)) {
      caps.addAll(Capability.DOCKER_DEFAULTS);
      drops.stream().map(Capability::valueOf).forEach(caps::remove);
    }
    adds.stream().map(Capability::valueOf).forEach(caps::add);
    return caps;
  }

  /** Upper-cased, without the {@code CAP_} prefix; {@code ALL} stays as it is. */
  static List<String> normalize(List<String> names, String field) {
    List<String> out = new ArrayList<>();
    for (String name : names == null ? List.<String>of() : names) {
      String n = name.strip().toUpperCase(Locale.ROOT);
      n = n.startsWith("CAP_") ? n.substring(4) : n;
      String key = n;
      if (!key.equals(ALL) && Arrays.stream(Capability.values()).noneMatch(c -> c.name().equals(key))) {
        throw new IllegalArgumentException(field + ": unknown capability \"" + name + "\"; known are ALL and "
            + Arrays.stream(Capability.values()).map(Enum::name).toList() + " (with or without the CAP_ prefix)");
      }
      out.add(n);
    }
    return out;
  }
}
