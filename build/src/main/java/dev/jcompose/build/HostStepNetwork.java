package dev.jcompose.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RUN containers on the host's network or on none at all; {@code default} means the host's here. */
final class HostStepNetwork implements StepNetwork {
  static final HostStepNetwork INSTANCE = new HostStepNetwork();

  private HostStepNetwork() {}

  @Override
  public Session open(String containerId, String mode, List<String> extraHosts) {
    boolean none = "none".equals(mode);
    if (!none && !"host".equals(mode) && !"default".equals(mode)) {
      throw new BuildException("the build network \"" + mode + "\" needs the engine's networks; use host or none here");
    }
    String hosts = (none ? LOCALHOST : read("/etc/hosts"))
        + ExtraHosts.render(extraHosts);
    String resolv = none ? "" : read("/etc/resolv.conf");
    return new Session() {
      @Override
      public boolean newNetworkNamespace() {
        return none;
      }

      @Override
      public String resolvConf() {
        return resolv;
      }

      @Override
      public String hosts() {
        return hosts;
      }

      @Override
      public void attach(long pid) {}

      @Override
      public void close() {}
    };
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
