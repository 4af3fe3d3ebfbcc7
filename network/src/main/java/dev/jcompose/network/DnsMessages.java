package dev.jcompose.network;

import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DnsMessage;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;

/**
 * Copies between DNS messages. A message releases its records when it is released, so every
 * record put into a second message is retained first; the copies share the records' bytes.
 */
final class DnsMessages {

  private DnsMessages() {}

  /** A query with {@code id}, the question and the additional section (EDNS) of {@code query}, and its RD flag. */
  static DnsQuery copyQuery(DnsQuery query, int id) {
    DefaultDnsQuery copy = new DefaultDnsQuery(id, query.opCode());
    copyHeaderAndSections(query, copy);
    return copy;
  }

  /** RD and the question and additional sections of a query, onto another query. */
  static void copyHeaderAndSections(DnsQuery from, DnsQuery to) {
    to.setRecursionDesired(from.isRecursionDesired());
    copySection(from, to, DnsSection.QUESTION);
    copySection(from, to, DnsSection.ADDITIONAL);
  }

  /** Everything of an upstream's response but its id, onto the response for the client. */
  static void copyResponse(DnsResponse from, DnsResponse to) {
    to.setCode(from.code());
    to.setAuthoritativeAnswer(from.isAuthoritativeAnswer());
    to.setTruncated(from.isTruncated());
    to.setRecursionAvailable(from.isRecursionAvailable());
    to.setRecursionDesired(from.isRecursionDesired());
    to.setOpCode(from.opCode());
    for (DnsSection s : DnsSection.values()) {
      to.clear(s);
      copySection(from, to, s);
    }
  }

  private static void copySection(DnsMessage from, DnsMessage to, DnsSection section) {
    for (int i = 0; i < from.count(section); i++) {
      DnsRecord r = from.recordAt(section, i);
      to.addRecord(section, ReferenceCountUtil.retain(r));
    }
  }
}
