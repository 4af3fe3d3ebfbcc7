package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpDnsQueryHandlerTest {

  @Test
  void peerIsNoRegisteredContainer_refused_andBuffersReleased() {
    DnsNameRegistry names = new DnsNameRegistry();
    names.register("web", "net", Ipv4Address.parse("172.18.0.2"), List.of("web"));
    // an EmbeddedChannel's peer is no IP address: like a stranger, it gets REFUSED
    EmbeddedChannel channel = new EmbeddedChannel(
        TcpDnsFrameToDatagram.pipeline(new DnsQueryProcessor(names, new UdpDnsQueryHandlerTest.FakeForwarder())));
    byte[] q = DnsWire.query(5, "web", DnsWire.A);
    ByteBuf in = Unpooled.buffer().writeShort(q.length).writeBytes(q);
    channel.writeInbound(in);
    assertEquals(0, in.refCnt());
    ByteBuf out = channel.readOutbound();
    byte[] bytes = ByteBufUtil.getBytes(out, 2, out.readableBytes() - 2);
    assertEquals(bytes.length, out.getUnsignedShort(0), "two-byte length prefix");
    out.release();
    DnsWire.Answer a = DnsWire.parse(bytes);
    assertEquals(5, a.id());
    assertEquals(DnsResponseCode.REFUSED.intValue(), a.rcode());
    assertFalse(channel.finish());
  }
}
