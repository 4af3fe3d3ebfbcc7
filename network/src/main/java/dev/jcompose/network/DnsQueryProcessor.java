package dev.jcompose.network;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the embedded DNS server answers, whatever the transport:
 * <ul>
 *   <li>a query from an address that is no registered container endpoint: REFUSED (the server is
 *       no open resolver for whoever reaches a gateway address);</li>
 *   <li>a name of the asker's networks: its addresses as A records, all replicas, rotated on
 *       every query; other types (AAAA, MX, …) for such a name: NOERROR without records, as
 *       Docker answers, so the client does not go on to ask elsewhere;</li>
 *   <li>a link alias of the asker ({@code links: [db:database]}): what its target name resolves to;</li>
 *   <li>anything else: forwarded to the asker's own nameservers ({@code dns:}) when it has any,
 *       else to the host's upstream nameservers, and their answer passed back
 *       (SERVFAIL when none answers), or NXDOMAIN when there is no upstream.</li>
 * </ul>
 */
final class DnsQueryProcessor {

  /** Docker's TTL for container names; the server's answers change at once anyway. */
  static final long TTL_SECONDS = 600;

  private final DnsNameRegistry names;
  private final DnsForwarder forwarder;

  DnsQueryProcessor(DnsNameRegistry names, DnsForwarder forwarder) {
    this.names = names;
    this.forwarder = forwarder;
  }

  /**
   * Fills {@code response} (addressed to the asker, with the query's id) and hands it to
   * {@code reply}, at once or when the upstream has answered. {@code query} is not kept: it may
   * be released when this returns.
   *
   * @param asker the query's source address, or null when it is no IPv4 address
   */
  void process(Ipv4Address asker, DnsQuery query, DnsResponse response, Consumer<DnsResponse> reply) {
    response.setRecursionDesired(query.isRecursionDesired());
    response.setRecursionAvailable(true);
    DnsQuestion question = query.count(DnsSection.QUESTION) == 1 ? query.recordAt(DnsSection.QUESTION) : null;
    if (question != null) {
      response.addRecord(DnsSection.QUESTION, ReferenceCountUtil.retain(question));
    }
    if (question == null) {
      reply.accept(response.setCode(DnsResponseCode.FORMERR));
    } else if (asker == null || !names.knows(asker)) {
      reply.accept(response.setCode(DnsResponseCode.REFUSED));
    } else if (names.resolves(asker, question.name())) {
      answerLocally(asker, question, response);
      reply.accept(response);
    } else if (names.upstreamsOf(asker).isEmpty() && !forwarder.hasUpstream()) {
      reply.accept(response.setCode(DnsResponseCode.NXDOMAIN));
    } else {
      // a container with dns: servers of its own has them asked instead of the host's, as Docker's resolver does
      Optional<DnsUpstreams> own = names.upstreamsOf(asker);
      (own.isPresent() ? forwarder.forward(query, own.get()) : forwarder.forward(query)).whenComplete((upstream, failure) -> {
        if (failure != null) {
          response.setCode(DnsResponseCode.SERVFAIL);
        } else {
          DnsMessages.copyResponse(upstream, response);
          upstream.release();
        }
        reply.accept(response);
      });
    }
  }

  private void answerLocally(Ipv4Address asker, DnsQuestion question, DnsResponse response) {
    response.setAuthoritativeAnswer(true).setCode(DnsResponseCode.NOERROR);
    if (!question.type().equals(DnsRecordType.A)) {
      return;
    }
    List<Ipv4Address> addresses = names.lookup(asker, question.name());
    for (Ipv4Address a : addresses) {
      byte[] octets = {(byte) a.octet(0), (byte) a.octet(1), (byte) a.octet(2), (byte) a.octet(3)};
      DnsRecord record = new DefaultDnsRawRecord(question.name(), DnsRecordType.A, TTL_SECONDS, Unpooled.wrappedBuffer(octets));
      response.addRecord(DnsSection.ANSWER, record);
    }
  }
}
