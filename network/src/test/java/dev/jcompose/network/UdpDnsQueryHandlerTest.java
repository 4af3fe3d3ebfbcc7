package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UdpDnsQueryHandlerTest {

  private static final InetSocketAddress SERVER = new InetSocketAddress("172.18.0.1", 53);
  private static final InetSocketAddress WEB = new InetSocketAddress("172.18.0.2", 40000);

  private final DnsNameRegistry names = new DnsNameRegistry();
  private final FakeForwarder forwarder = new FakeForwarder();
  private final EmbeddedChannel channel = new EmbeddedChannel(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
      new UdpDnsQueryHandler(new DnsQueryProcessor(names, forwarder)));

  UdpDnsQueryHandlerTest() {
    names.register("web", "net", Ipv4Address.parse("172.18.0.2"), List.of("web", "p-web-1"));
    names.register("db", "net", Ipv4Address.parse("172.18.0.3"), List.of("db"));
  }

  /** A fake upstream: remembers what was forwarded, answers when the test says so. */
  static final class FakeForwarder implements DnsForwarder {
    boolean upstream = true;
    final List<String> forwarded = new ArrayList<>();
    final List<DnsUpstreams> forwardedTo = new ArrayList<>();
    final List<CompletableFuture<DnsResponse>> futures = new ArrayList<>();

    @Override
    public boolean hasUpstream() {
      return upstream;
    }

    @Override
    public CompletableFuture<DnsResponse> forward(DnsQuery query) {
      forwarded.add(query.recordAt(DnsSection.QUESTION).name());
      CompletableFuture<DnsResponse> f = new CompletableFuture<>();
      futures.add(f);
      return f;
    }

    @Override
    public CompletableFuture<DnsResponse> forward(DnsQuery query, DnsUpstreams to) {
      forwardedTo.add(to);
      return forward(query);
    }
  }

  private DnsWire.Answer ask(InetSocketAddress from, String name, int type) {
    ByteBuf in = Unpooled.wrappedBuffer(DnsWire.query(77, name, type));
    channel.writeInbound(new DatagramPacket(in, SERVER, from));
    assertEquals(0, in.refCnt(), "the query's buffer is released");
    return readAnswer();
  }

  private DnsWire.Answer readAnswer() {
    DatagramPacket out = channel.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      return DnsWire.parse(ByteBufUtil.getBytes(out.content()));
    } finally {
      out.release();
    }
  }

  @Test
  void containerName_answeredLocallyAuthoritatively() {
    DnsWire.Answer a = ask(WEB, "db", DnsWire.A);
    assertEquals(77, a.id());
    assertEquals(0, a.rcode());
    assertTrue(a.authoritative());
    assertEquals(List.of("172.18.0.3"), a.addresses());
    assertTrue(forwarder.forwarded.isEmpty());
  }

  @Test
  void knownName_aaaa_noErrorWithoutRecords_notForwarded() {
    DnsWire.Answer a = ask(WEB, "db", DnsWire.AAAA);
    assertEquals(0, a.rcode());
    assertEquals(List.of(), a.addresses());
    assertTrue(forwarder.forwarded.isEmpty());
  }

  @Test
  void unknownAsker_refused() {
    DnsWire.Answer a = ask(new InetSocketAddress("10.1.2.3", 5000), "db", DnsWire.A);
    assertEquals(DnsResponseCode.REFUSED.intValue(), a.rcode());
    assertTrue(forwarder.forwarded.isEmpty());
  }

  @Test
  void unknownName_noUpstream_nxdomain() {
    forwarder.upstream = false;
    assertEquals(DnsResponseCode.NXDOMAIN.intValue(), ask(WEB, "nowhere.example", DnsWire.A).rcode());
  }

  @Test
  void unknownName_forwarded_upstreamAnswerPassedBackAndReleased() {
    assertNull(ask(WEB, "example.org", DnsWire.A), "no answer before the upstream's");
    assertEquals(List.of("example.org."), forwarder.forwarded);
    DefaultDnsResponse upstream = new DefaultDnsResponse(9999);
    upstream.setRecursionAvailable(true);
    DefaultDnsRawRecord record = new DefaultDnsRawRecord("example.org.", DnsRecordType.A, 300,
        Unpooled.wrappedBuffer(new byte[] {93, (byte) 184, (byte) 215, 14}));
    upstream.addRecord(DnsSection.ANSWER, record);
    forwarder.futures.get(0).complete(upstream);
    channel.runPendingTasks();
    DnsWire.Answer a = readAnswer();
    assertEquals(77, a.id(), "the client's id, not the upstream's");
    assertEquals(0, a.rcode());
    assertFalse(a.authoritative());
    assertEquals(List.of("93.184.215.14"), a.addresses());
    assertEquals(0, upstream.refCnt());
    assertEquals(0, record.refCnt(), "the copied record is released with the client's response");
  }

  @Test
  void upstreamFails_servfail() {
    ask(WEB, "example.org", DnsWire.A);
    forwarder.futures.get(0).completeExceptionally(new UdpDnsForwarder.DnsForwardException("no answer"));
    channel.runPendingTasks();
    assertEquals(DnsResponseCode.SERVFAIL.intValue(), readAnswer().rcode());
  }

  @Test
  void garbage_dropped_channelKeepsServing() {
    ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    channel.writeInbound(new DatagramPacket(junk, SERVER, WEB));
    assertNull(channel.readOutbound());
    assertTrue(channel.isOpen());
    assertEquals(List.of("172.18.0.3"), ask(WEB, "db", DnsWire.A).addresses());
  }

  @Test
  void unknownName_askerWithOwnDnsServers_forwardedToThem_evenWithoutHostUpstreams() {
    forwarder.upstream = false;
    DnsUpstreams own = DnsUpstreams.fromResolvConf("nameserver 10.9.9.9\n");
    names.configure("web", new DnsNameRegistry.ResolverSettings(java.util.Map.of(), own));
    assertNull(ask(WEB, "example.org", DnsWire.A), "waits for the container's own server");
    assertEquals(List.of(own), forwarder.forwardedTo);
    forwarder.futures.get(0).complete(new DefaultDnsResponse(1));
    channel.runPendingTasks();
    assertEquals(0, readAnswer().rcode());
  }

  @Test
  void linkAlias_answeredLocally() {
    names.configure("web", new DnsNameRegistry.ResolverSettings(java.util.Map.of("database", "db"), DnsUpstreams.none()));
    assertEquals(List.of("172.18.0.3"), ask(WEB, "database", DnsWire.A).addresses());
    assertTrue(forwarder.forwarded.isEmpty());
  }
}
