package dev.jcompose.network.proxy;

import dev.jcompose.network.PortMapping;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One published port held by the {@link PortProxy}: the listening (TCP) or bound (UDP) socket.
 * Closing it frees the host port; connections already proxied run on until either end closes.
 */
public final class ProxiedPort implements AutoCloseable {

  private final PortMapping mapping;
  private final Channel channel;

  private final AtomicLong proxied;

  ProxiedPort(PortMapping mapping, Channel channel, AtomicLong proxied) {
    this.mapping = mapping;
    this.channel = channel;
    this.proxied = proxied;
  }

  /**
   * How many TCP connections (UDP: client addresses) the proxy has carried: those DNAT took
   * never reach it, so this tells which path the traffic went.
   */
  public long proxiedConnections() {
    return proxied.get();
  }

  /** The mapping with the host port that was bound. */
  public PortMapping mapping() {
    return mapping;
  }

  public int hostPort() {
    return mapping.hostPort();
  }

  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
  }

  @Override
  public String toString() {
    return PortProxy.describe(mapping) + " (proxy to " + mapping.containerIp() + ")";
  }
}
