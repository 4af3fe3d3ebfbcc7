package dev.jcompose.cli.compose;

import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host paths of binds with {@code bind.create_host_path: false} must exist: checked for
 * every selected service before anything of the stack is created, so that {@code up} fails
 * naming the service rather than half-way. The engine refuses them too (Docker's rule for a
 * {@code Mounts} bind), for other clients.
 */
public final class BindSources {
  private BindSources() {}

  public static void check(List<ServiceConfig> services) {
    List<String> missing = new ArrayList<>();
    for (ServiceConfig s : services) {
      for (ServiceVolume v : s.volumes()) {
        if (v.type() == ServiceVolume.Type.BIND && v.bind() != null && !v.bind().createHostPath()
            && !Files.exists(Path.of(v.source()))) {
          missing.add("service \"" + s.name() + "\" mounts " + v.source() + " at " + v.target()
              + ", but " + v.source() + " does not exist on this host and bind.create_host_path is false");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new UserFacingException(String.join("\n", missing)
          + "\ncreate " + (missing.size() == 1 ? "that path" : "those paths") + " first, or set bind.create_host_path: true"
          + " (or use the short syntax) to have it created as an empty directory");
    }
  }
}
