package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.Main;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class UpCommandTest {

  @Test
  void parse_globalOptionsBeforeCommand_detachAndService() {
    ParseResult pr = Main.commandLine().parseArgs("-f", "a.yaml", "-p", "x", "up", "-d", "web");
    Main main = (Main) pr.commandSpec().userObject();
    UpCommand up = (UpCommand) pr.subcommand().commandSpec().userObject();
    assertEquals(List.of(Path.of("a.yaml")), main.global.files);
    assertEquals("x", main.global.projectName);
    assertTrue(up.detach);
    assertEquals(List.of("web"), up.services);
    assertFalse(up.noDeps);
    assertNull(up.timeout);
    assertEquals(main, up.main, "the command reaches the global options through its parent");
  }

  @Test
  void parse_severalFilesAndLongOptions() {
    ParseResult pr = Main.commandLine().parseArgs("--file", "a.yaml", "-f", "b.yaml", "--project-name=shop",
        "up", "--detach", "--no-deps", "--timeout", "4", "web", "db");
    Main main = (Main) pr.commandSpec().userObject();
    UpCommand up = (UpCommand) pr.subcommand().commandSpec().userObject();
    assertEquals(List.of(Path.of("a.yaml"), Path.of("b.yaml")), main.global.files);
    assertEquals("shop", main.global.projectName);
    assertTrue(up.detach);
    assertTrue(up.noDeps);
    assertEquals(4, up.timeout);
    assertEquals(List.of("web", "db"), up.services);
  }

  @Test
  void parse_noServices_meansAll() {
    UpCommand up = (UpCommand) Main.commandLine().parseArgs("up").subcommand().commandSpec().userObject();
    assertFalse(up.detach);
    assertEquals(List.of(), up.services);
  }

  @Test
  void parse_unknownOption_isUsageError() {
    CommandLine.UnmatchedArgumentException e = assertThrows(CommandLine.UnmatchedArgumentException.class,
        () -> Main.commandLine().parseArgs("up", "--detatch"));
    assertEquals("Unknown option: '--detatch'", e.getMessage());
  }

  @Test
  void parse_timeoutNotANumber_isUsageError() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> Main.commandLine().parseArgs("up", "-t", "soon"));
    assertTrue(e.getMessage().contains("'soon' is not an int"), e.getMessage());
  }
}
