package dev.jcompose.network;

/**
 * Who holds a host port: the receiving socket and, when it could be found, the process with it
 * open ({@code pid} -1 when not: a socket of another user namespace, or gone meanwhile).
 */
public record PortHolder(ListeningSocket socket, long pid, String command) {

  /** {@code pid 1234 (nginx)}, or a pointer to {@code ss} when the process is unknown. */
  public String describe() {
    if (pid > 0) {
      return "pid " + pid + " (" + (command.isEmpty() ? "?" : command) + ")";
    }
    return "a program on this host (" + socket + "; `ss -" + (socket.protocol() == TransportProtocol.TCP ? "lt" : "lu")
        + "np 'sport = :" + socket.port() + "'` shows which)";
  }
}
