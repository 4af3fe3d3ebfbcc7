package dev.jcompose.build;

import dev.jcompose.image.ImageConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The small edits a build makes to image configs: a new Config, one more history entry, one more layer. */
final class ImageConfigs {
  private ImageConfigs() {}

  static ImageConfig scratch() {
    return new ImageConfig(Instant.now().toString(), "amd64", "linux", ImageConfig.Config.empty(),
        new ImageConfig.RootFs("layers", List.of()), List.of());
  }

  static ImageConfig.Config config(ImageConfig image) {
    return image.config() == null ? ImageConfig.Config.empty() : image.config();
  }

  static List<String> diffIds(ImageConfig image) {
    return image.rootfs() == null || image.rootfs().diffIds() == null ? List.of() : image.rootfs().diffIds();
  }

  /** {@code image} with {@code config}, a history entry and, when {@code diffId} is not null, one more layer. */
  static ImageConfig next(ImageConfig image, ImageConfig.Config config, String createdBy, String diffId) {
    String now = Instant.now().toString();
    List<String> layers = new ArrayList<>(diffIds(image));
    if (diffId != null) {
      layers.add(diffId);
    }
    List<ImageConfig.History> history = new ArrayList<>(image.history() == null ? List.of() : image.history());
    history.add(new ImageConfig.History(now, createdBy, diffId == null ? null : "jcompose build", diffId == null ? Boolean.TRUE : null));
    return new ImageConfig(now, image.architecture() == null ? "amd64" : image.architecture(), image.os() == null ? "linux" : image.os(),
        config, new ImageConfig.RootFs("layers", layers), history);
  }

  static ImageConfig.Config withEnv(ImageConfig.Config c, List<String> env) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), env, c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withUser(ImageConfig.Config c, String user) {
    return new ImageConfig.Config(user, c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withExposedPorts(ImageConfig.Config c, Map<String, Object> ports) {
    return new ImageConfig.Config(c.user(), ports, c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withEntrypoint(ImageConfig.Config c, List<String> entrypoint, List<String> cmd) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), entrypoint, cmd, c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withCmd(ImageConfig.Config c, List<String> cmd) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), cmd, c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withVolumes(ImageConfig.Config c, Map<String, Object> volumes) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), volumes, c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withWorkingDir(ImageConfig.Config c, String dir) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), dir, c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withLabels(ImageConfig.Config c, Map<String, String> labels) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), labels,
        c.stopSignal(), c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withStopSignal(ImageConfig.Config c, String signal) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        signal, c.healthcheck(), c.onBuild(), c.shell());
  }

  static ImageConfig.Config withHealthcheck(ImageConfig.Config c, ImageConfig.HealthConfig health) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), health, c.onBuild(), c.shell());
  }

  static ImageConfig.Config withOnBuild(ImageConfig.Config c, List<String> triggers) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), triggers, c.shell());
  }

  static ImageConfig.Config withShell(ImageConfig.Config c, List<String> shell) {
    return new ImageConfig.Config(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(), c.workingDir(), c.labels(),
        c.stopSignal(), c.healthcheck(), c.onBuild(), shell);
  }

  /** {@code map} plus {@code key → value}, as a new ordered map. */
  static <V> Map<String, V> plus(Map<String, V> map, String key, V value) {
    Map<String, V> out = new LinkedHashMap<>(map == null ? Map.of() : map);
    out.put(key, value);
    return out;
  }

  /** {@code env} with {@code KEY=value} set (replacing an earlier value of KEY). */
  static List<String> setEnv(List<String> env, String key, String value) {
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    for (String e : env == null ? List.<String>of() : env) {
      if (e.startsWith(key + "=")) {
        if (!replaced) {
          out.add(key + "=" + value);
          replaced = true;
        }
      } else {
        out.add(e);
      }
    }
    if (!replaced) {
      out.add(key + "=" + value);
    }
    return out;
  }

  static Map<String, String> envMap(List<String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : env == null ? List.<String>of() : env) {
      int eq = e.indexOf('=');
      if (eq > 0) {
        out.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
    return out;
  }
}
