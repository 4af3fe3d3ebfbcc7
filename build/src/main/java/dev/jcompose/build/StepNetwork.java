package dev.jcompose.build;

import java.util.List;

/**
 * The network of a RUN step's container. The engine attaches it to its bridges; without an
 * engine only {@code host} and {@code none} exist ({@link #hostOrNone()}).
 */
public interface StepNetwork {
  /** /etc/hosts of a container with a network namespace of its own: loopback names only. */
  String LOCALHOST = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

  /**
   * Opens the network for one RUN container, before it is created.
   *
   * @param mode       {@code default}, {@code host}, {@code none} or a network name
   * @param extraHosts {@code host:ip} entries for /etc/hosts
   * @throws BuildException when the mode names no network
   */
  Session open(String containerId, String mode, List<String> extraHosts);

  /** One RUN container's network, from before its creation to after its exit. */
  interface Session extends AutoCloseable {
    /** False: the container shares the host's network namespace. */
    boolean newNetworkNamespace();

    String resolvConf();

    String hosts();

    /** Called with the container's init pid once it exists, before it runs (puts its veth in place). */
    void attach(long pid);

    /** Gives back what {@link #attach} took. Idempotent. */
    @Override
    void close();
  }

  /** {@code host} and {@code none} only ({@code default} is {@code host}): for builds without an engine. */
  static StepNetwork hostOrNone() {
    return HostStepNetwork.INSTANCE;
  }
}
