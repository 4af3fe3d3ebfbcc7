package dev.jcompose.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;

/**
 * Answers DNS over TCP (clients fall back to it for long answers): after
 * {@code TcpDnsQueryDecoder}, before {@code TcpDnsResponseEncoder}. The asker is the
 * connection's peer. Forwarding still goes upstream over UDP, so an answer too long for a
 * datagram arrives truncated (TC set).
 */
final class TcpDnsQueryHandler extends SimpleChannelInboundHandler<DnsQuery> {

  private final DnsQueryProcessor processor;

  TcpDnsQueryHandler(DnsQueryProcessor processor) {
    this.processor = processor;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
    DefaultDnsResponse response = new DefaultDnsResponse(query.id(), query.opCode());
    processor.process(DnsAskers.ipv4Of(ctx.channel().remoteAddress()), query, response, ctx::writeAndFlush);
  }

  /** A malformed message or an idle connection (ReadTimeoutHandler) ends the connection. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
