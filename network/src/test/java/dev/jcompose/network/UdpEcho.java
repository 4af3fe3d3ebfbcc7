package dev.jcompose.network;

import dev.jcompose.linux.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny static UDP echo server for root tests ({@code udp-echo PORT}): Debian's busybox-static
 * has no UDP server ({@code nc} without {@code -u}, no {@code udpsvd}). Compiled once per run
 * with the C compiler the runtime module needs anyway.
 */
final class UdpEcho {

  static final String SOURCE = """
      #include <netinet/in.h>
      #include <stdlib.h>
      #include <sys/socket.h>
      int main(int argc, char **argv) {
        int s = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in a = {0};
        a.sin_family = AF_INET;
        a.sin_port = htons(atoi(argv[1]));
        if (s < 0 || bind(s, (struct sockaddr *) &a, sizeof a) < 0) return 1;
        static char b[65536];
        for (;;) {
          struct sockaddr_in c;
          socklen_t l = sizeof c;
          ssize_t n = recvfrom(s, b, sizeof b, 0, (struct sockaddr *) &c, &l);
          if (n >= 0) sendto(s, b, n, 0, (struct sockaddr *) &c, l);
        }
      }
      """;

  private UdpEcho() {}

  /** Compiles the server into {@code dir}; the path of the binary. */
  static Path build(Path dir) throws IOException {
    Path src = dir.resolve("udp-echo.c");
    Path bin = dir.resolve("udp-echo");
    Files.writeString(src, SOURCE);
    HostCommand.run(List.of("cc", "-static", "-O2", "-o", bin.toString(), src.toString()));
    return bin;
  }
}
