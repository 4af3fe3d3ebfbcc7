package dev.jcompose.network;

import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsResponse;
import java.util.concurrent.CompletableFuture;

/** Where the embedded DNS server sends the queries it cannot answer itself. */
interface DnsForwarder {

  /** Whether there is any upstream at all; without one, unknown names are NXDOMAIN at once. */
  boolean hasUpstream();

  /**
   * Sends the query's question (and its EDNS record) upstream. Everything needed is copied
   * before this returns, so the caller may release {@code query} right after. The response the
   * future completes with belongs to the caller, who must release it.
   */
  CompletableFuture<DnsResponse> forward(DnsQuery query);

  /** As {@link #forward(DnsQuery)}, to the asking container's own nameservers ({@code dns:}) instead. */
  default CompletableFuture<DnsResponse> forward(DnsQuery query, DnsUpstreams to) {
    return forward(query);
  }
}
