package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

  private static final String TCP = ""
      + "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
      + "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1060 1 00000000dee98092 100 0 0 10 0\n"
      + "   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2001 1 0000000000000000 100 0 0 10 0\n"
      + "   2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 2002 1 0000000000000000 20 4 30 10 -1\n"
      + "   3: 0200000A:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2003 1 0000000000000000 100 0 0 10 0\n";

  private static final String TCP6 = ""
      + "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
      + "   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3001 1 0000000000000000 100 0 0 10 0\n"
      + "   1: 0000000000000000FFFF00000100007F:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3002 1 0000000000000000 100 0 0 10 0\n"
      + "   2: 00000000000000000000000001000000:1F93 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3003 1 0000000000000000 100 0 0 10 0\n"
      + "   3: B80D0120000000000000000001000000:1F94 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3004 1 0000000000000000 100 0 0 10 0\n";

  private static final String UDP = ""
      + "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
      + "  100: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 4001 2 0000000000000000 0\n"
      + "  101: 00000000:14E9 08080808:0035 01 00000000:00000000 00:00000000 00000000     0        0 4002 2 0000000000000000 0\n";

  @Test
  void parseTcp_onlyListeningSockets_decodesLittleEndianAddresses() {
    assertEquals(List.of(
            new ListeningSocket(TransportProtocol.TCP, "0.0.0.0", 2024),
            new ListeningSocket(TransportProtocol.TCP, "127.0.0.1", 8080),
            new ListeningSocket(TransportProtocol.TCP, "10.0.0.2", 80)),
        ListeningSockets.parseTcp(TCP));
  }

  @Test
  void parseTcp6_wildcardMappedLoopbackAndOthers() {
    assertEquals(List.of(
            new ListeningSocket(TransportProtocol.TCP, "::", 8081),
            new ListeningSocket(TransportProtocol.TCP, "::ffff:127.0.0.1", 8082),
            new ListeningSocket(TransportProtocol.TCP, "0:0:0:0:0:0:0:1", 8083),
            new ListeningSocket(TransportProtocol.TCP, "2001:db8:0:0:0:0:0:1", 8084)),
        ListeningSockets.parseTcp(TCP6));
  }

  @Test
  void parseUdp_onlyUnconnectedSockets() {
    assertEquals(List.of(new ListeningSocket(TransportProtocol.UDP, "127.0.0.53", 53)), ListeningSockets.parseUdp(UDP));
  }

  @Test
  void parse_emptyOrHeaderOnly() {
    assertEquals(List.of(), ListeningSockets.parseTcp(""));
    assertEquals(List.of(), ListeningSockets.parseTcp(TCP.lines().findFirst().orElseThrow()));
  }
}
