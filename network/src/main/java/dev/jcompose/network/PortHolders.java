package dev.jcompose.network;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds who holds a host port: the socket that receives traffic on it (from the kernel's
 * socket tables under {@code /proc/net}) and the process with that socket open (a
 * {@code /proc/PID/fd/N -> socket:[INODE]} link), as {@code ss -ltnup} does. Only used on
 * the error path: walking every process's fds costs a few ms.
 */
public final class PortHolders {

  private final Path proc;

  /** Reads the {@code /proc} of this process (its network namespace's sockets). */
  public PortHolders() {
    this(Path.of("/proc"));
  }

  PortHolders(Path proc) {
    this.proc = proc;
  }

  /**
   * The holder of IPv4 {@code hostIp:port} ({@code 0.0.0.0} = any local address) for the
   * protocol, when a socket receives traffic there; empty when none does (the port is free, or
   * it is held in a way the tables do not show).
   */
  public Optional<PortHolder> find(TransportProtocol protocol, String hostIp, int port) {
    List<ListeningSockets.Bound> sockets = new ArrayList<>();
    for (String table : protocol == TransportProtocol.TCP ? new String[] {"tcp", "tcp6"} : new String[] {"udp", "udp6"}) {
      String text = read(proc.resolve("net").resolve(table));
      sockets.addAll(protocol == TransportProtocol.TCP
          ? ListeningSockets.parseTcpWithInodes(text) : ListeningSockets.parseUdpWithInodes(text));
    }
    for (ListeningSockets.Bound b : sockets) {
      if (b.socket().receives(protocol, hostIp, port)) {
        return Optional.of(ownerOf(b));
      }
    }
    return Optional.empty();
  }

  private PortHolder ownerOf(ListeningSockets.Bound b) {
    if (b.inode() <= 0) {
      return new PortHolder(b.socket(), -1, "");
    }
    String link = "socket:[" + b.inode() + "]";
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path pid : pids) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              if (Files.readSymbolicLink(fd).toString().equals(link)) {
                long n = Long.parseLong(pid.getFileName().toString());
                return new PortHolder(b.socket(), n, read(pid.resolve("comm")).strip());
              }
            } catch (IOException e) {
              // the fd was closed meanwhile
            }
          }
        } catch (IOException e) {
          // the process exited meanwhile, or its fds are not ours to read
        }
      }
    } catch (IOException e) {
      // no /proc: the owner stays unknown
    }
    return new PortHolder(b.socket(), -1, "");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
