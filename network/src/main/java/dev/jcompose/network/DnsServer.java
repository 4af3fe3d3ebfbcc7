package dev.jcompose.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded DNS server: one UDP and one TCP socket on port 53 of each bridge's gateway
 * address, all served by one event loop and one {@link DnsNameRegistry}. A container's
 * /etc/resolv.conf names its first network's gateway ({@link ContainerResolvConf}).
 *
 * <p>Docker's resolver listens on 127.0.0.11 inside each container's network namespace; one
 * socket pair per bridge in the host's namespace is simpler (no thread has to enter a
 * container's namespace) and gives the same answers, because the query's source address says
 * which container asks. What it costs: a host firewall whose INPUT chain drops traffic from
 * the bridges blocks it, and a program holding {@code 0.0.0.0:53} without SO_REUSEADDR keeps it
 * from binding (then {@link #listen} fails and the engine falls back to the host's nameservers).
 */
public final class DnsServer implements AutoCloseable {

  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);
  private static final int TCP_IDLE_SECONDS = 10;
  private static final Duration BIND_RETRY = Duration.ofSeconds(1);

  private final EventLoopGroup group;
  private final UdpDnsForwarder forwarder;
  private final DnsQueryProcessor processor;
  private final int port;
  private final Map<Ipv4Address, List<Channel>> listening = new ConcurrentHashMap<>();

  private DnsServer(EventLoopGroup group, UdpDnsForwarder forwarder, DnsNameRegistry names, int port) {
    this.group = group;
    this.forwarder = forwarder;
    this.processor = new DnsQueryProcessor(names, forwarder);
    this.port = port;
  }

  /** A server on port 53 that forwards to {@code upstreams}; it listens nowhere until {@link #listen}. */
  public static DnsServer start(DnsNameRegistry names, DnsUpstreams upstreams) {
    return start(names, upstreams, DnsUpstreams.DNS_PORT, UPSTREAM_TIMEOUT);
  }

  static DnsServer start(DnsNameRegistry names, DnsUpstreams upstreams, int port, Duration upstreamTimeout) {
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("jcompose-dns", true));
    try {
      return new DnsServer(group, new UdpDnsForwarder(group, upstreams, upstreamTimeout), names, port);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new NetworkException(NetworkException.Kind.HOST_FAILURE,
          "Tried to open the DNS server's upstream socket but failed because: " + e + ". Check that UDP sockets can be opened", e);
    }
  }

  public int port() {
    return port;
  }

  /**
   * Serves DNS on {@code address} (a bridge's gateway), UDP and TCP. Idempotent.
   *
   * @throws NetworkException HOST_FAILURE when the port is taken or the address is not the host's
   */
  public synchronized void listen(Ipv4Address address) {
    if (listening.containsKey(address)) {
      return;
    }
    InetSocketAddress at;
    try {
      at = new InetSocketAddress(InetAddress.getByAddress(new byte[] {
          (byte) address.octet(0), (byte) address.octet(1), (byte) address.octet(2), (byte) address.octet(3)}), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
    List<Channel> channels;
    try {
      channels = bindWithRetry(at);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new NetworkException(NetworkException.Kind.HOST_FAILURE,
          "Tried to start the embedded DNS server on " + address + ":" + port + " (udp and tcp) but failed because: " + e
              + ". Is another DNS server bound to that address or to 0.0.0.0:" + port + "? (`ss -lunp 'sport = :" + port + "'`)",
          e);
    }
    listening.put(address, channels);
  }

  /**
   * Binds UDP and TCP, retrying a taken port for up to {@link #BIND_RETRY}: a socket Netty has
   * just closed (a network removed and at once recreated with the same gateway) keeps its port
   * until the event loop's selector drops the cancelled key, a few milliseconds later.
   */
  private List<Channel> bindWithRetry(InetSocketAddress at) throws Exception {
    long deadline = System.nanoTime() + BIND_RETRY.toNanos();
    while (true) {
      try {
        return bindBoth(at);
      } catch (java.net.BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private List<Channel> bindBoth(InetSocketAddress at) throws Exception {
    List<Channel> channels = new ArrayList<>();
    try {
      channels.add(new Bootstrap().group(group).channel(NioDatagramChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true)
          .handler(new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
              ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new UdpDnsQueryHandler(processor));
            }
          }).bind(at).sync().channel());
      channels.add(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS));
              ch.pipeline().addLast(TcpDnsFrameToDatagram.pipeline(processor));
            }
          }).bind(at).sync().channel());
      return channels;
    } catch (Exception e) {
      channels.forEach(c -> c.close().syncUninterruptibly());
      throw e;
    }
  }

  /** Stops serving on {@code address} (its network is being removed). Idempotent. */
  public synchronized void stopListening(Ipv4Address address) {
    List<Channel> channels = listening.remove(address);
    if (channels != null) {
      channels.forEach(c -> c.close().syncUninterruptibly());
    }
  }

  public boolean isListening(Ipv4Address address) {
    return listening.containsKey(address);
  }

  @Override
  public synchronized void close() {
    for (Ipv4Address a : List.copyOf(listening.keySet())) {
      stopListening(a);
    }
    forwarder.close();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
