package dev.jcompose.engine.containers;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.engine.http.ApiException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code HostConfig.NetworkMode}, {@code IpcMode} and {@code PidMode} of the form
 * {@code container:NAME|ID} (and {@code host}): which namespaces a container shares instead of
 * getting new ones, checked as Docker checks them.
 *
 * <p>A container in another's network namespace has no endpoints of its own: it has the owner's
 * addresses, the owner's published ports reach it, and it sees the owner's /etc/hosts,
 * /etc/resolv.conf and /etc/hostname (and gets the owner's hostname). When the owner stops, its
 * veth pairs are deleted at once and the joiner keeps a namespace with only {@code lo}; when the
 * owner starts again it gets a new namespace, which the joiner does not follow: it has to be
 * restarted (Compose recreates it on the next {@code up}, because the owner's id is part of its
 * config). That is Docker's behaviour. A container in another's pid namespace dies with the
 * owner (its init), as in Docker.
 */
final class SharedNamespaces {
  static final String CONTAINER = "container:";

  private SharedNamespaces() {}

  /** The owners a starting container joins; null where it gets its own namespace. */
  record Owners(Container net, Container ipc, Container pid, boolean hostIpc, boolean hostPid) {

    /** The host path of an owner's namespace of {@code type} (net, ipc, pid), through its init's /proc entry. */
    static Path nsPath(Container owner, String type) {
      return Path.of("/proc", Long.toString(owner.record().state().pid()), "ns", type);
    }
  }

  /** The container a mode names ({@code container:X} → X), if it names one. */
  static Optional<String> containerOf(String mode) {
    return mode != null && mode.startsWith(CONTAINER) ? Optional.of(mode.substring(CONTAINER.length())) : Optional.empty();
  }

  /** Docker's checks at create ({@code runconfig.validateNetContainerMode}, IPC and PID modes), with Docker's messages. */
  static void validate(ContainerCreateRequest req, HostConfig hc) {
    String net = hc.networkMode();
    if (net != null && net.startsWith(CONTAINER)) {
      if (net.length() == CONTAINER.length()) {
        throw ApiException.badRequest("Invalid network mode: invalid container format container:<name|id>");
      }
      if (req.hostname() != null && !req.hostname().isEmpty()) {
        throw ApiException.badRequest("conflicting options: hostname and the network mode");
      }
      if (hc.links() != null && !hc.links().isEmpty()) {
        throw ApiException.badRequest("conflicting options: container type network can't be used with links. This would result in undefined behavior");
      }
      if (hc.dns() != null && !hc.dns().isEmpty()) {
        throw ApiException.badRequest("conflicting options: dns and the network mode");
      }
      if (hc.extraHosts() != null && !hc.extraHosts().isEmpty()) {
        throw ApiException.badRequest("conflicting options: custom host-to-IP mapping and the network mode");
      }
      if (hc.portBindings() != null && !hc.portBindings().isEmpty()) {
        throw ApiException.badRequest("conflicting options: port publishing and the container type network mode");
      }
      if (req.exposedPorts() != null && !req.exposedPorts().isEmpty()) {
        throw ApiException.badRequest("conflicting options: port exposing and the container type network mode");
      }
    }
    String ipc = hc.ipcMode();
    if (ipc != null && !ipc.isEmpty() && !ipc.equals("private") && !ipc.equals("shareable") && !ipc.equals("host")
        && !ipc.equals("none") && !(ipc.startsWith(CONTAINER) && ipc.length() > CONTAINER.length())) {
      throw ApiException.badRequest("invalid IPC mode: " + ipc);
    }
    String pid = hc.pidMode();
    if (pid != null && !pid.isEmpty() && !pid.equals("host") && !(pid.startsWith(CONTAINER) && pid.length() > CONTAINER.length())) {
      throw ApiException.badRequest("invalid PID mode: " + pid);
    }
  }

  /**
   * The running owners of a starting container's shared namespaces, or Docker's error: "cannot
   * join network of a non running container: X", "Container X is not running" (ipc, pid), "can't
   * join IPC of container X: non-shareable IPC (hint: use IpcMode:shareable for the donor container)".
   */
  static Owners resolve(ContainerRecord self, HostConfig hc, Function<String, Container> lookup) {
    Container net = containerOf(hc.networkMode()).map(x -> {
      Container c = find(lookup, x, "network");
      if (c.record().id().equals(self.id())) {
        throw ApiException.badRequest("cannot join own network");
      }
      if (!c.record().state().isRunning()) {
        throw ApiException.conflict("cannot join network of a non running container: " + x);
      }
      return c;
    }).orElse(null);
    Container ipc = containerOf(hc.ipcMode()).map(x -> {
      Container c = running(find(lookup, x, "IPC"), x, self);
      HostConfig owner = c.record().config().hostConfig();
      if (owner == null || !"shareable".equals(owner.ipcMode())) {
        throw ApiException.conflict("can't join IPC of container " + x
            + ": non-shareable IPC (hint: use IpcMode:shareable for the donor container)");
      }
      return c;
    }).orElse(null);
    Container pid = containerOf(hc.pidMode()).map(x -> running(find(lookup, x, "PID"), x, self)).orElse(null);
    return new Owners(net, ipc, pid, "host".equals(hc.ipcMode()), "host".equals(hc.pidMode()));
  }

  private static Container find(Function<String, Container> lookup, String x, String what) {
    try {
      return lookup.apply(x);
    } catch (ApiException e) {
      throw ApiException.notFound("can't join " + what + " of container " + x + ": No such container: " + x);
    }
  }

  private static Container running(Container c, String x, ContainerRecord self) {
    if (c.record().id().equals(self.id())) {
      throw ApiException.badRequest("cannot join own namespaces");
    }
    if (!c.record().state().isRunning()) {
      throw ApiException.conflict("Container " + x + " is not running");
    }
    return c;
  }
}
