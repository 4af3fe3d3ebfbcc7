package dev.jcompose.network.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host side of a proxied UDP port. Each client address gets its own socket connected to the
 * container (so the container sees one peer per client, and its answers come back on that
 * socket); answers go back to the client from the published port. A client's mapping is dropped
 * after {@code idle} without traffic in either direction (docker-proxy: 90 s), and at most
 * {@code maxClients} exist at once: datagrams of further clients are dropped until one expires.
 *
 * <p>The map is only touched on the channel's event loop, where the backend sockets live too.
 */
final class UdpProxyHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  private final InetSocketAddress target;
  private final ProxyTransport transport;
  private final Duration idle;
  private final int maxClients;
  private final Map<InetSocketAddress, ChannelFuture> clients = new HashMap<>();

  private final AtomicLong clientsSeen;

  UdpProxyHandler(InetSocketAddress target, ProxyTransport transport, Duration idle, int maxClients, AtomicLong clientsSeen) {
    super(false);
    this.clientsSeen = clientsSeen;
    this.target = target;
    this.transport = transport;
    this.idle = idle;
    this.maxClients = maxClients;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    InetSocketAddress client = packet.sender();
    ChannelFuture backend = clients.get(client);
    if (backend == null) {
      if (clients.size() >= maxClients) {
        packet.release();
        return;
      }
      clientsSeen.incrementAndGet();
      backend = connectBackend(ctx.channel(), client);
      clients.put(client, backend);
      ChannelFuture registered = backend;
      backend.channel().closeFuture().addListener(f -> clients.remove(client, registered));
    }
    // listeners run in order once connected (at once when it is), so datagrams keep their order
    backend.addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        f.channel().writeAndFlush(packet.content());
      } else {
        packet.release();
      }
    });
  }

  private ChannelFuture connectBackend(Channel frontend, InetSocketAddress client) {
    return new Bootstrap()
        .group(frontend.eventLoop())
        .channelFactory(() -> transport.newDatagram(InternetProtocolFamily.IPv4))
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS), new Backend(frontend, client));
          }
        })
        .connect(target);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    for (ChannelFuture f : clients.values().toArray(new ChannelFuture[0])) {
      f.channel().close();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // an ICMP error for one datagram: the published socket stays up for the others
  }

  /** Sends the container's answers back to the client from the published port; closes when idle. */
  private static final class Backend extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Channel frontend;
    private final InetSocketAddress client;

    Backend(Channel frontend, InetSocketAddress client) {
      super(false);
      this.frontend = frontend;
      this.client = client;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket answer) {
      frontend.writeAndFlush(new DatagramPacket(answer.content(), client));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      } else {
        ctx.fireUserEventTriggered(evt);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // "connection refused" from ICMP: nothing listens in the container (yet); keep the mapping
    }
  }
}
