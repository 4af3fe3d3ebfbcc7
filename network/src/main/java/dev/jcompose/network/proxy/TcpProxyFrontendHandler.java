package dev.jcompose.network.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first handler of an accepted connection: connects to the container, on the same event
 * loop, and once that is up replaces itself by a {@link TcpRelayHandler} and starts reading
 * (AUTO_READ is off until then). What arrives before anyway is kept and sent first: with epoll,
 * a client's FIN (EPOLLRDHUP) makes Netty read even with AUTO_READ off, so a client that sends
 * its request and shuts its output at once would otherwise lose the request (found by
 * {@code PortProxyRootTest}'s half-close case).
 * A container that refuses or does not answer within the connect timeout gets the client's
 * connection closed, as docker-proxy does.
 */
final class TcpProxyFrontendHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = Logger.getLogger(TcpProxyFrontendHandler.class.getName());
  static final int CONNECT_TIMEOUT_MS = 5000;

  private final InetSocketAddress target;
  private final ProxyTransport transport;

  TcpProxyFrontendHandler(InetSocketAddress target, ProxyTransport transport) {
    this.target = target;
    this.transport = transport;
  }

  /** What the client sent before the container was connected (epoll reads on a FIN even with AUTO_READ off). */
  private final List<Object> early = new ArrayList<>();
  private boolean clientShutOutput;

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel inbound = ctx.channel();
    ChannelFuture connect = new Bootstrap()
        .group(inbound.eventLoop())
        .channel(transport.clientClass())
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, PortProxy.WATER_MARK)
        .option(ChannelOption.RCVBUF_ALLOCATOR, PortProxy.recvAllocator())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .handler(new TcpRelayHandler(inbound))
        .connect(target);
    Channel outbound = connect.channel();
    connect.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        LOG.log(Level.FINE, "proxy: cannot connect to " + target + " for " + inbound.remoteAddress(), f.cause());
        releaseEarly();
        inbound.close();
        return;
      }
      for (Object msg : early) {
        outbound.write(msg, outbound.voidPromise());
      }
      early.clear();
      outbound.flush();
      ctx.pipeline().replace(this, "relay", new TcpRelayHandler(outbound));
      if (clientShutOutput) {
        TcpRelayHandler.passOnHalfClose(inbound, outbound);
      } else {
        inbound.config().setAutoRead(true);
      }
    });
    inbound.closeFuture().addListener(f -> {
      if (!connect.isDone()) {
        outbound.close(); // the client gave up before the container answered
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    early.add(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      clientShutOutput = true;
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseEarly();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    releaseEarly();
    ctx.close();
  }

  private void releaseEarly() {
    early.forEach(ReferenceCountUtil::release);
    early.clear();
  }
}
