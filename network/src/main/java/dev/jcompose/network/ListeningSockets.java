package dev.jcompose.network;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the kernel's socket tables ({@code /proc/net/tcp}, {@code tcp6}, {@code udp},
 * {@code udp6}) into the sockets that receive traffic on a port. Cheaper than running
 * {@code ss -ltnu}, which reads the same information over netlink.
 *
 * <p>Addresses there are hex words in host byte order (little-endian here):
 * {@code 0100007F:1F90} is 127.0.0.1:8080.
 */
public final class ListeningSockets {

  private static final String TCP_LISTEN = "0A";
  private static final String UDP_UNCONNECTED = "07";

  private ListeningSockets() {}

  /** TCP sockets in state LISTEN from a {@code /proc/net/tcp} or {@code tcp6} text. */
  public static List<ListeningSocket> parseTcp(String procNetText) {
    return parse(procNetText, TransportProtocol.TCP, TCP_LISTEN);
  }

  /** Bound, unconnected UDP sockets from a {@code /proc/net/udp} or {@code udp6} text. */
  public static List<ListeningSocket> parseUdp(String procNetText) {
    return parse(procNetText, TransportProtocol.UDP, UDP_UNCONNECTED);
  }

  private static List<ListeningSocket> parse(String text, TransportProtocol proto, String state) {
    List<ListeningSocket> out = new ArrayList<>();
    parseWithInodes(text, proto, state).forEach(b -> out.add(b.socket()));
    return out;
  }

  /** A receiving socket and its inode (the number in {@code /proc/PID/fd/N -> socket:[INODE]}). */
  record Bound(ListeningSocket socket, long inode) {}

  /** {@link #parseTcp} with each socket's inode, to find the process that holds it ({@link PortHolders}). */
  static List<Bound> parseTcpWithInodes(String procNetText) {
    return parseWithInodes(procNetText, TransportProtocol.TCP, TCP_LISTEN);
  }

  /** {@link #parseUdp} with each socket's inode. */
  static List<Bound> parseUdpWithInodes(String procNetText) {
    return parseWithInodes(procNetText, TransportProtocol.UDP, UDP_UNCONNECTED);
  }

  private static List<Bound> parseWithInodes(String text, TransportProtocol proto, String state) {
    List<Bound> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."; the header has "local_address" in field 1
      if (f.length < 4 || !f[0].endsWith(":") || !f[3].equals(state)) {
        continue;
      }
      int colon = f[1].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String hexAddr = f[1].substring(0, colon);
      int port = Integer.parseInt(f[1].substring(colon + 1), 16);
      String addr;
      if (hexAddr.length() == 8) {
        addr = ipv4(hexAddr);
      } else if (hexAddr.length() == 32) {
        addr = ipv6(hexAddr);
      } else {
        continue;
      }
      long inode = -1;
      if (f.length > 9) {
        try {
          inode = Long.parseLong(f[9]);
        } catch (NumberFormatException e) {
          // an unexpected layout: the socket still counts, its owner stays unknown
        }
      }
      out.add(new Bound(new ListeningSocket(proto, addr, port), inode));
    }
    return out;
  }

  private static String ipv4(String hexWord) {
    int[] b = wordBytes(hexWord);
    return b[0] + "." + b[1] + "." + b[2] + "." + b[3];
  }

  private static String ipv6(String hex) {
    int[] bytes = new int[16];
    for (int w = 0; w < 4; w++) {
      int[] b = wordBytes(hex.substring(w * 8, w * 8 + 8));
      System.arraycopy(b, 0, bytes, w * 4, 4);
    }
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= bytes[i] == 0;
    }
    if (firstTenZero && bytes[10] == 0xFF && bytes[11] == 0xFF) {
      return "::ffff:" + bytes[12] + "." + bytes[13] + "." + bytes[14] + "." + bytes[15];
    }
    boolean allZero = true;
    for (int v : bytes) {
      allZero &= v == 0;
    }
    if (allZero) {
      return "::";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Integer.toHexString((bytes[i] << 8) | bytes[i + 1]));
    }
    return sb.toString();
  }

  /** The four bytes of one 32-bit word that the kernel printed in host byte order, in network order. */
  private static int[] wordBytes(String hexWord) {
    long v = Long.parseLong(hexWord, 16);
    int[] b = {(int) ((v >> 24) & 0xFF), (int) ((v >> 16) & 0xFF), (int) ((v >> 8) & 0xFF), (int) (v & 0xFF)};
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      return new int[] {b[3], b[2], b[1], b[0]};
    }
    return b;
  }
}
