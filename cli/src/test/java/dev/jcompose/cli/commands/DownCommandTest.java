package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DownCommandTest {

  private static DownCommand parse(String... args) {
    return (DownCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void parse_volumesAndTimeout() {
    DownCommand down = parse("down", "-v", "-t", "3");
    assertTrue(down.volumes);
    assertEquals(3, down.timeout);
    assertFalse(down.removeOrphans);
  }

  @Test
  void parse_defaults() {
    DownCommand down = parse("down");
    assertFalse(down.volumes);
    assertNull(down.timeout, "no timeout: the engine's default (10 s) applies");
  }

  @Test
  void parse_longOptions() {
    DownCommand down = parse("down", "--volumes", "--timeout=0", "--remove-orphans");
    assertTrue(down.volumes);
    assertEquals(0, down.timeout);
    assertTrue(down.removeOrphans);
  }
}
