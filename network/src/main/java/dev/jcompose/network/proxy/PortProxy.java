package dev.jcompose.network.proxy;

import dev.jcompose.network.NetworkException;
import dev.jcompose.network.PortHolder;
import dev.jcompose.network.PortHolders;
import dev.jcompose.network.PortMapping;
import dev.jcompose.network.TransportProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The userland port proxy (Docker's {@code docker-proxy}, in-process on Netty): for each
 * published port it binds the host address and port itself, which reserves the port (a second
 * container or a later program cannot take it) and makes a taken port an error that names its
 * holder, and it forwards what reaches that socket to the container: TCP connections byte for
 * byte (with half-close and backpressure), UDP datagrams through a per-client socket that
 * expires when idle.
 *
 * <p>Where the nftables DNAT rules of {@code BridgeNetworkDriver.publish} apply (IPv4 to a host
 * address, from the host or from outside), the kernel rewrites the connection before it reaches
 * this socket, so the proxy never sees it: DNAT is the fast path and the proxy is for what it
 * cannot do, i.e. IPv6 ({@code ::1} and the host's IPv6 addresses, since a port on all addresses
 * is bound dual-stack on {@code ::}), hosts without nftables, and engines run without DNAT.
 */
public final class PortProxy implements AutoCloseable {

  static final Duration UDP_IDLE = Duration.ofSeconds(90);
  static final int UDP_MAX_CLIENTS = 4096;
  /** Per direction, what may wait unsent before the other side stops reading. */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  /** Reads of 2 KiB to 256 KiB, growing with what the socket holds: a stream moves in large reads. */
  static RecvByteBufAllocator recvAllocator() {
    return new AdaptiveRecvByteBufAllocator(2048, 64 * 1024, 256 * 1024);
  }

  private final ProxyTransport transport;
  private final EventLoopGroup group;
  private final PortHolders holders;
  private final Duration udpIdle;

  private PortProxy(ProxyTransport transport, int threads, Duration udpIdle) {
    this.transport = transport;
    this.group = transport.newGroup(threads);
    this.holders = new PortHolders();
    this.udpIdle = udpIdle;
  }

  /** A proxy with one event loop per core (at most 4): epoll when available, NIO otherwise. */
  public static PortProxy start() {
    return new PortProxy(ProxyTransport.best(), Math.min(4, Runtime.getRuntime().availableProcessors()), UDP_IDLE);
  }

  /** For tests and benchmarks: one event loop, NIO unless {@code epoll}, and the UDP idle timeout. */
  public static PortProxy start(boolean epoll, Duration udpIdle) {
    return new PortProxy(epoll ? ProxyTransport.best() : ProxyTransport.NIO, 1, udpIdle);
  }

  /** {@code epoll} or {@code nio}. */
  public String transportName() {
    return transport.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Binds {@code mapping}'s host address and port ({@code 0}: one the kernel picks) and forwards
   * what arrives there to the container's address and port.
   *
   * @param containerName for the error message
   * @return the open port; {@link ProxiedPort#hostPort()} is the port actually bound
   * @throws NetworkException CONFLICT, naming the holder, when the port is taken
   */
  public ProxiedPort open(String containerName, PortMapping mapping) {
    InetSocketAddress target = new InetSocketAddress(address(mapping.containerIp().toString()), mapping.containerPort());
    InetSocketAddress local = new InetSocketAddress(bindAddress(mapping), mapping.hostPort());
    ChannelFuture bound;
    AtomicLong proxied = new AtomicLong();
    if (mapping.protocol() == TransportProtocol.TCP) {
      bound = new ServerBootstrap()
          .group(group)
          .channelFactory(transport::newServer)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .option(ChannelOption.SO_REUSEADDR, true) // TIME_WAIT after a restart; a LISTEN socket still refuses us
          .childOption(ChannelOption.AUTO_READ, false) // until the container is connected
          .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .childOption(ChannelOption.RCVBUF_ALLOCATOR, recvAllocator())
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              proxied.incrementAndGet();
              ch.pipeline().addLast(new TcpProxyFrontendHandler(target, transport));
            }
          })
          .bind(local);
    } else {
      InternetProtocolFamily family = local.getAddress().getAddress().length == 4 ? InternetProtocolFamily.IPv4 : null;
      bound = new Bootstrap()
          .group(group)
          .channelFactory(() -> transport.newDatagram(family))
          .handler(new UdpProxyHandler(target, transport, udpIdle, UDP_MAX_CLIENTS, proxied))
          .bind(local);
    }
    bound.awaitUninterruptibly();
    if (!bound.isSuccess()) {
      bound.channel().close();
      throw taken(containerName, mapping, bound.cause());
    }
    Channel ch = bound.channel();
    int port = ((InetSocketAddress) ch.localAddress()).getPort();
    return new ProxiedPort(mapping.withHostPort(port), ch, proxied);
  }

  /**
   * Whether {@code mapping}'s host port could be bound now, tried with a socket that is closed
   * again at once; empty when it could, else the CONFLICT error {@link #open} would throw. For a
   * check before anything of a request starts.
   */
  public Optional<NetworkException> probe(String containerName, PortMapping mapping) {
    if (mapping.hostPort() == 0) {
      return Optional.empty();
    }
    InetSocketAddress local = new InetSocketAddress(bindAddress(mapping), mapping.hostPort());
    try {
      tryBind(local, mapping.protocol());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(taken(containerName, mapping, e));
    }
  }

  /**
   * Binds {@code local} with a socket that is closed again at once: TCP with SO_REUSEADDR (a
   * TIME_WAIT connection does not hold a port, a listening socket does), UDP without.
   *
   * @throws IOException when the port is held
   */
  static void tryBind(InetSocketAddress local, TransportProtocol protocol) throws IOException {
    if (protocol == TransportProtocol.TCP) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(local, 1);
      }
    } else {
      try (DatagramSocket s = new DatagramSocket(null)) {
        s.setReuseAddress(false);
        s.bind(local);
      }
    }
  }

  /** "Tried to publish 127.0.0.1:8080->80/tcp for container web but the port is taken by pid 1234 (nginx). ..." */
  private NetworkException taken(String containerName, PortMapping m, Throwable cause) {
    String what = describe(m);
    String msg = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    boolean inUse = msg.contains("in use") || msg.contains("EADDRINUSE");
    if (!inUse) {
      return new NetworkException(NetworkException.Kind.HOST_FAILURE,
          "Tried to publish " + what + " for container " + containerName + " but failed because: " + msg
              + ". Check that the host address is one of this host's (`ip -br addr`)", cause);
    }
    Optional<PortHolder> holder = holders.find(m.protocol(), m.bindAddress(), m.hostPort());
    if (holder.isPresent() && holder.get().pid() == ProcessHandle.current().pid() && m.hostPort() == 53) {
      return new NetworkException(NetworkException.Kind.CONFLICT,
          "Tried to publish " + what + " for container " + containerName + " but port 53 of the networks' gateway addresses is"
              + " jcompose's embedded DNS server (the containers' resolver), so port 53 cannot be published on all addresses"
              + " yet. Publish it on one address instead, such as \"127.0.0.1:53:53/udp\"", cause);
    }
    String who = holder.map(PortHolder::describe).orElse("another program (`ss -" + (m.protocol() == TransportProtocol.TCP ? "lt" : "lu")
        + "np 'sport = :" + m.hostPort() + "'` shows which)");
    return new NetworkException(NetworkException.Kind.CONFLICT,
        "Tried to publish " + what + " for container " + containerName + " but the port is taken by " + who
            + ". Stop it or choose another host port in ports:", cause);
  }

  /** {@code 127.0.0.1:8080->80/tcp}, as the user wrote it in {@code ports:}. */
  public static String describe(PortMapping m) {
    return m.hostAddressAndPort() + "->" + m.containerPort() + "/" + m.protocol();
  }

  /**
   * The address to bind: the given one, or for all addresses {@code ::} (dual-stack: IPv4 and
   * IPv6, as docker-proxy binds both) when the host has IPv6, else {@code 0.0.0.0}.
   */
  private static InetAddress bindAddress(PortMapping m) {
    if (!m.onAllAddresses()) {
      return address(m.hostIp());
    }
    return Files.exists(Path.of("/proc/net/if_inet6")) ? address("::") : address("0.0.0.0");
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** Closes every port and the event loops. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
