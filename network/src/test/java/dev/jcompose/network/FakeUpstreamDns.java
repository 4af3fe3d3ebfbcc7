package dev.jcompose.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tests' own "internet" resolver on 127.0.0.1: {@code upstream.test} is 192.0.2.7 (a
 * documentation address), every other name is NXDOMAIN. It records the names it was asked.
 */
final class FakeUpstreamDns implements AutoCloseable {

  static final String NAME = "upstream.test";
  static final String ADDRESS = "192.0.2.7";

  final List<String> asked = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;

  FakeUpstreamDns() throws InterruptedException {
    channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) {
                    DnsQuestion question = q.recordAt(DnsSection.QUESTION);
                    asked.add(question.name());
                    DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
                    r.setRecursionDesired(q.isRecursionDesired()).setRecursionAvailable(true);
                    r.addRecord(DnsSection.QUESTION, ReferenceCountUtil.retain(question));
                    if (DnsNameRegistry.normalize(question.name()).equals(NAME)) {
                      if (question.type().equals(DnsRecordType.A)) {
                        r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A, 60,
                            Unpooled.wrappedBuffer(new byte[] {(byte) 192, 0, 2, 7})));
                      }
                    } else {
                      r.setCode(DnsResponseCode.NXDOMAIN);
                    }
                    ctx.writeAndFlush(r);
                  }
                });
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  DnsUpstreams upstreams() {
    return new DnsUpstreams(List.of(address()));
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
