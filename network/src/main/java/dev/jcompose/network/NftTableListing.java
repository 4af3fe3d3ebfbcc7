package dev.jcompose.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What our nftables table holds, parsed from {@code nft -n list table ip jcompose}: the names
 * of its chains (one pair per bridge, one pair per container with published ports) and the
 * elements of the {@code published_ports} set, whose comments name the owning container.
 *
 * <pre>
 * table ip jcompose {
 *   set published_ports {
 *     type inet_proto . ipv4_addr . inet_service
 *     elements = { 6 . 127.0.0.1 . 8080 comment "web-1",
 *                  17 . 0.0.0.0 . 5353 comment "dns-1" }
 *   }
 *   chain bridge_jcbr0_forward { ... }
 * </pre>
 */
public record NftTableListing(Set<String> chains, List<PublishedPort> publishedPorts) {

  /** The listing of a table that does not exist. */
  public static final NftTableListing ABSENT = new NftTableListing(Set.of(), List.of());

  private static final Pattern CHAIN = Pattern.compile("^\\s*chain (\\S+) \\{", Pattern.MULTILINE);
  private static final Pattern ELEMENT = Pattern.compile(
      "^(\\S+) \\. (\\d+\\.\\d+\\.\\d+\\.\\d+) \\. (\\d+)(?: comment \"([^\"]*)\")?$");

  public NftTableListing {
    chains = Set.copyOf(chains);
    publishedPorts = List.copyOf(publishedPorts);
  }

  public static NftTableListing parse(String nftListOutput) {
    Set<String> chains = new LinkedHashSet<>();
    Matcher m = CHAIN.matcher(nftListOutput);
    while (m.find()) {
      chains.add(m.group(1));
    }
    return new NftTableListing(chains, parsePorts(nftListOutput));
  }

  public boolean hasChain(String name) {
    return chains.contains(name);
  }

  /** Whether any chain of a bridge or of a container's ports is left. */
  public boolean holdsAnythingBut(Set<String> chainsBeingRemoved) {
    for (String c : chains) {
      if ((c.startsWith(BridgeRules.CHAIN_PREFIX) || c.startsWith(PortRules.CHAIN_PREFIX)) && !chainsBeingRemoved.contains(c)) {
        return true;
      }
    }
    return false;
  }

  public List<PublishedPort> publishedPortsOf(String containerKey) {
    List<PublishedPort> out = new ArrayList<>();
    for (PublishedPort p : publishedPorts) {
      if (p.containerKey().equals(containerKey)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<PublishedPort> parsePorts(String text) {
    int set = text.indexOf("set " + PortRules.SET + " {");
    if (set < 0) {
      return List.of();
    }
    int setEnd = text.indexOf("\n\t}", set);
    int elements = text.indexOf("elements = {", set);
    if (elements < 0 || (setEnd >= 0 && elements > setEnd)) {
      return List.of();
    }
    int close = text.indexOf('}', elements + "elements = {".length());
    String body = text.substring(elements + "elements = {".length(), close < 0 ? text.length() : close);
    List<PublishedPort> out = new ArrayList<>();
    for (String raw : body.split(",")) {
      String e = raw.strip().replaceAll("\\s+", " ");
      if (e.isEmpty()) {
        continue;
      }
      Matcher m = ELEMENT.matcher(e);
      if (!m.matches()) {
        throw new IllegalArgumentException("unexpected element in set " + PortRules.SET + ": \"" + e + "\"");
      }
      out.add(new PublishedPort(TransportProtocol.parse(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
          m.group(4) == null ? "" : m.group(4)));
    }
    return out;
  }
}
