package dev.jcompose.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Forwards queries over UDP from one socket of the host, trying the upstreams in order: each gets
 * {@code attemptTimeout} to answer before the next is asked (what the C library does with
 * several nameservers). Each forwarded query gets a fresh random id, so answers cannot be
 * confused with each other or spoofed by guessing the client's id; an answer is only taken from
 * the upstream it was asked of.
 */
final class UdpDnsForwarder implements DnsForwarder, AutoCloseable {

  private final DnsUpstreams upstreams;
  private final Duration attemptTimeout;
  private final Channel channel;
  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

  private final class Pending {
    final DnsQuery template;
    final DnsUpstreams upstreams;
    final CompletableFuture<DnsResponse> result = new CompletableFuture<>();
    int upstream;
    InetSocketAddress askedOf;
    ScheduledFuture<?> timeout;

    Pending(DnsQuery template, DnsUpstreams upstreams) {
      this.template = template;
      this.upstreams = upstreams;
    }
  }

  UdpDnsForwarder(EventLoopGroup group, DnsUpstreams upstreams, Duration attemptTimeout) throws InterruptedException {
    this.upstreams = upstreams;
    this.attemptTimeout = attemptTimeout;
    this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder(), new ResponseHandler());
          }
        })
        .bind(0).sync().channel();
  }

  @Override
  public boolean hasUpstream() {
    return !upstreams.isEmpty();
  }

  @Override
  public CompletableFuture<DnsResponse> forward(DnsQuery query) {
    return forward(query, upstreams);
  }

  @Override
  public CompletableFuture<DnsResponse> forward(DnsQuery query, DnsUpstreams to) {
    if (to.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no upstream nameserver is configured"));
    }
    int id = freshId();
    Pending p = new Pending(DnsMessages.copyQuery(query, id), to);
    pending.put(id, p);
    channel.eventLoop().execute(() -> send(id, p));
    return p.result;
  }

  private void send(int id, Pending p) {
    if (p.upstream >= p.upstreams.servers().size()) {
      finish(id, p, null, new DnsForwardException("no answer from " + p.upstreams.servers() + " within "
          + attemptTimeout.toMillis() + " ms each"));
      return;
    }
    p.askedOf = p.upstreams.servers().get(p.upstream++);
    DatagramDnsQuery q = new DatagramDnsQuery(null, p.askedOf, id, p.template.opCode());
    DnsMessages.copyHeaderAndSections(p.template, q);
    channel.writeAndFlush(q);
    p.timeout = channel.eventLoop().schedule(() -> send(id, p), attemptTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish(int id, Pending p, DnsResponse response, Throwable failure) {
    if (!pending.remove(id, p)) {
      ReferenceCountUtil.release(response);
      return;
    }
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    ReferenceCountUtil.release(p.template);
    if (failure != null) {
      p.result.completeExceptionally(failure);
    } else {
      p.result.complete(response);
    }
  }

  private int freshId() {
    while (true) {
      int id = random.nextInt(1 << 16);
      if (!pending.containsKey(id)) {
        return id;
      }
    }
  }

  /** How many queries wait for an upstream now (tests check that none is left behind). */
  int pendingCount() {
    return pending.size();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
      finish(e.getKey(), e.getValue(), null, new DnsForwardException("the DNS server is shutting down"));
    }
  }

  private final class ResponseHandler extends SimpleChannelInboundHandler<DatagramDnsResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsResponse response) {
      Pending p = pending.get(response.id());
      if (p == null || !response.sender().equals(p.askedOf)) {
        return; // late (already answered or timed out) or not from the upstream asked: dropped
      }
      finish(response.id(), p, response.retain(), null);
    }
  }

  /** No upstream answered; the server answers SERVFAIL. */
  static final class DnsForwardException extends RuntimeException {
    DnsForwardException(String message) {
      super(message);
    }
  }
}
