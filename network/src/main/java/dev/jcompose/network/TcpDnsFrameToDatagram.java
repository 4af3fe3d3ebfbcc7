package dev.jcompose.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Turns a DNS-over-TCP message (after the two-byte length is stripped) into the datagram that
 * {@link DatagramDnsQueryDecoder} reads. Netty's own {@code TcpDnsQueryDecoder} (4.1.115) is
 * not used because it never releases the frame it decodes from, so every TCP query would keep
 * its buffer alive (found by {@code TcpDnsQueryHandlerTest}'s refCnt check); it is final, so
 * it cannot be fixed by extending it.
 */
final class TcpDnsFrameToDatagram extends MessageToMessageDecoder<ByteBuf> {

  private static final InetSocketAddress UNKNOWN = new InetSocketAddress(0);

  /** The handlers of a DNS-over-TCP connection, in pipeline order. */
  static ChannelHandler[] pipeline(DnsQueryProcessor processor) {
    return new ChannelHandler[] {
        new LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2), new TcpDnsFrameToDatagram(), new DatagramDnsQueryDecoder(),
        new TcpDnsResponseEncoder(), new TcpDnsQueryHandler(processor)};
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    // the handler takes the asker from the channel; these only have to be addresses
    InetSocketAddress local = ctx.channel().localAddress() instanceof InetSocketAddress l ? l : UNKNOWN;
    InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress r ? r : UNKNOWN;
    out.add(new DatagramPacket(frame.retain(), local, remote));
  }
}
