package dev.jcompose.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;

/** Answers DNS over UDP: after {@code DatagramDnsQueryDecoder}, before {@code DatagramDnsResponseEncoder}. */
final class UdpDnsQueryHandler extends SimpleChannelInboundHandler<DatagramDnsQuery> {

  private final DnsQueryProcessor processor;

  UdpDnsQueryHandler(DnsQueryProcessor processor) {
    this.processor = processor;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
    DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id(), query.opCode());
    processor.process(DnsAskers.ipv4Of(query.sender()), query, response, ctx::writeAndFlush);
  }

  /** A datagram that is no DNS query is dropped; the socket keeps serving everyone else. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // nothing to answer: the decoder could not even read an id
  }
}
