package dev.jcompose.cli.compose;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.Mount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recreated container keeps the volumes its predecessor had at paths the Compose file does not
 * mount explicitly (anonymous volumes, and those from the image's VOLUME), as Docker Compose does:
 * recreating a database container must not lose its data.
 */
public final class AnonymousVolumes {
  private AnonymousVolumes() {}

  public static ContainerCreateRequest carryOver(ContainerInspect old, ContainerCreateRequest want) {
    if (old.mounts() == null || old.mounts().isEmpty()) {
      return want;
    }
    HostConfig hc = want.hostConfig() == null ? HostConfig.empty() : want.hostConfig();
    List<Mount> mounts = hc.mounts() == null ? new ArrayList<>() : new ArrayList<>(hc.mounts());
    Set<String> explicit = new HashSet<>();
    for (Mount m : mounts) {
      if (m.source() != null || !"volume".equals(m.type())) {
        explicit.add(m.target());
      }
    }
    if (hc.binds() != null) {
      hc.binds().forEach(b -> explicit.add(b.split(":").length > 1 ? b.split(":")[1] : b)); // SOURCE:TARGET[:MODE]
    }
    mounts.removeIf(m -> "volume".equals(m.type()) && m.source() == null && carried(old, m.target()));
    for (ContainerInspect.MountPoint mp : old.mounts()) {
      if ("volume".equals(mp.type()) && mp.name() != null && !explicit.contains(mp.destination())) {
        mounts.add(Mount.volume(mp.name(), mp.destination(), !Boolean.TRUE.equals(mp.rw())));
      }
    }
    HostConfig withMounts = hc.withMounts(mounts);
    return new ContainerCreateRequest(want.hostname(), want.domainname(), want.user(), want.env(), want.cmd(), want.entrypoint(),
        want.image(), want.labels(), want.workingDir(), want.exposedPorts(), want.stopSignal(), want.stopTimeout(), want.tty(),
        want.openStdin(), withMounts, want.networkingConfig(), want.healthcheck());
  }

  private static boolean carried(ContainerInspect old, String target) {
    return old.mounts().stream().anyMatch(mp -> "volume".equals(mp.type()) && target.equals(mp.destination()));
  }
}
