package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PortHolders} on a fake {@code /proc}: socket tables, fd links and comm files. */
class PortHoldersTest {

  private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

  @TempDir
  Path proc;

  @Test
  void find_tcpListenerOnLoopback_namesPidAndCommand() throws IOException {
    write("net/tcp", HEADER
        + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n");
    write("net/tcp6", HEADER);
    process(1234, "nginx", 4242);
    process(99, "sshd", 7);

    Optional<PortHolder> h = new PortHolders(proc).find(TransportProtocol.TCP, "127.0.0.1", 8080);
    assertTrue(h.isPresent());
    assertEquals(1234, h.get().pid());
    assertEquals("pid 1234 (nginx)", h.get().describe());
    assertEquals("pid 1234 (nginx)", new PortHolders(proc).find(TransportProtocol.TCP, "0.0.0.0", 8080).orElseThrow().describe());
    assertTrue(new PortHolders(proc).find(TransportProtocol.TCP, "10.0.0.1", 8080).isEmpty(), "bound to 127.0.0.1 only");
    assertTrue(new PortHolders(proc).find(TransportProtocol.UDP, "127.0.0.1", 8080).isEmpty());
  }

  @Test
  void find_udpOnIpv6Wildcard_receivesIpv4_ownerUnknown_pointsToSs() throws IOException {
    write("net/udp", HEADER);
    write("net/udp6", HEADER
        + "   5: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5555 2 0 0\n");
    Optional<PortHolder> h = new PortHolders(proc).find(TransportProtocol.UDP, "127.0.0.1", 53);
    assertTrue(h.isPresent());
    assertEquals(-1, h.get().pid());
    assertEquals("a program on this host (udp [::]:53; `ss -lunp 'sport = :53'` shows which)", h.get().describe());
  }

  @Test
  void find_nothingListens_empty() throws IOException {
    write("net/tcp", HEADER);
    assertTrue(new PortHolders(proc).find(TransportProtocol.TCP, "127.0.0.1", 80).isEmpty());
  }

  private void process(int pid, String comm, long inode) throws IOException {
    Path p = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
    Files.writeString(p.getParent().resolve("comm"), comm + "\n");
    Files.createSymbolicLink(p.resolve("3"), Path.of("socket:[" + inode + "]"));
    Files.createSymbolicLink(p.resolve("0"), Path.of("/dev/null"));
  }

  private void write(String rel, String text) throws IOException {
    Path f = proc.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }
}
