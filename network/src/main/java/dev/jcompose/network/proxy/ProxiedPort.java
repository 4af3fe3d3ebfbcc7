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

  /**
   * Closes the socket and returns once the port is free. Java's NIO transport closes a socket for
   * real only when its selector drops the cancelled key, at a later select of the event loop, so
   * a NIO port is tried until it can be bound again (for at most 2 s: a program that took it
   * meanwhile keeps it). epoll closes at once.
   */
  @Override
  public void close() {
    java.net.SocketAddress local = channel.localAddress();
    channel.close().awaitUninterruptibly();
    boolean nio = channel instanceof io.netty.channel.socket.nio.NioServerSocketChannel
        || channel instanceof io.netty.channel.socket.nio.NioDatagramChannel;
    if (!nio || !(local instanceof java.net.InetSocketAddress address) || channel.eventLoop().inEventLoop()) {
      return;
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    while (!bindable(address) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean bindable(java.net.InetSocketAddress address) {
    try {
      PortProxy.tryBind(address, mapping.protocol());
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return PortProxy.describe(mapping) + " (proxy to " + mapping.containerIp() + ")";
  }
}
