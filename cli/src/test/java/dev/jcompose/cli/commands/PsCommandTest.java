package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.Main;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class PsCommandTest {

  private static ContainerSummary withPorts(List<ContainerSummary.Port> ports) {
    return new ContainerSummary("abc", List.of("/p-web-1"), "busybox", "sha256:1", "httpd -f", 0L, "running", "Up 1 second",
        ports, java.util.Map.of(), null);
  }

  private static PsCommand parse(String... args) {
    ParseResult pr = Main.commandLine().parseArgs(args);
    return (PsCommand) pr.subcommand().commandSpec().userObject();
  }

  // ---- ports ----

  @Test
  void ports_none() {
    assertEquals("", PsCommand.ports(withPorts(null)));
    assertEquals("", PsCommand.ports(withPorts(List.of())));
  }

  @Test
  void ports_publishedOnAnAddress() {
    assertEquals("127.0.0.1:8080->80/tcp",
        PsCommand.ports(withPorts(List.of(new ContainerSummary.Port("127.0.0.1", 80, 8080, "tcp")))));
  }

  @Test
  void ports_publishedOnAllAddresses_showsZeroes() {
    assertEquals("0.0.0.0:5353->53/udp", PsCommand.ports(withPorts(List.of(new ContainerSummary.Port(null, 53, 5353, "udp")))));
    assertEquals("0.0.0.0:8080->80/tcp", PsCommand.ports(withPorts(List.of(new ContainerSummary.Port("", 80, 8080, "tcp")))));
  }

  @Test
  void ports_exposedOnly() {
    assertEquals("5432/tcp", PsCommand.ports(withPorts(List.of(new ContainerSummary.Port(null, 5432, null, "tcp")))));
  }

  @Test
  void ports_severalAreCommaSeparated() {
    assertEquals("127.0.0.1:8080->80/tcp, 443/tcp", PsCommand.ports(withPorts(List.of(
        new ContainerSummary.Port("127.0.0.1", 80, 8080, "tcp"), new ContainerSummary.Port(null, 443, null, "tcp")))));
  }

  // ---- quoteCommand ----

  @Test
  void quoteCommand_short_isQuoted() {
    assertEquals("\"httpd -f\"", PsCommand.quoteCommand("httpd -f"));
    assertEquals("\"\"", PsCommand.quoteCommand(null));
  }

  @Test
  void quoteCommand_twentyCharacters_isKept() {
    assertEquals("\"12345678901234567890\"", PsCommand.quoteCommand("12345678901234567890"));
  }

  @Test
  void quoteCommand_long_isCutToTwentyWithEllipsis_asDocker() {
    // docker compose ps: "/docker-entrypoint.…" for nginx's "/docker-entrypoint.sh nginx -g 'daemon off;'"
    assertEquals("\"/docker-entrypoint.\u2026\"", PsCommand.quoteCommand("/docker-entrypoint.sh nginx -g 'daemon off;'"));
    assertEquals("\"1234567890123456789\u2026\"", PsCommand.quoteCommand("123456789012345678901"));
  }

  @Test
  void quoteCommand_newlines_becomeSpaces() {
    assertEquals("\"sh -c echo hi\"", PsCommand.quoteCommand("sh -c\necho hi"));
  }

  // ---- parsing ----

  @Test
  void parse_allQuietStatus() {
    PsCommand ps = parse("ps", "-a", "-q", "--status", "running");
    assertTrue(ps.all);
    assertTrue(ps.quiet);
    assertFalse(ps.services);
    assertEquals(List.of("running"), ps.status);
    assertEquals(List.of(), ps.serviceNames);
  }

  @Test
  void parse_statusRepeatable_andServices() {
    PsCommand ps = parse("ps", "--status", "exited", "--status=created", "--services", "web", "db");
    assertEquals(List.of("exited", "created"), ps.status);
    assertTrue(ps.services);
    assertEquals(List.of("web", "db"), ps.serviceNames);
  }

  @Test
  void parse_clusteredShortOptions() {
    PsCommand ps = parse("ps", "-aq");
    assertTrue(ps.all);
    assertTrue(ps.quiet);
  }
}
