package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.Main;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LogsCommandTest {

  private static LogsCommand parse(String... args) {
    return (LogsCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void parse_followTailService() {
    LogsCommand logs = parse("logs", "-f", "--tail", "5", "client");
    assertTrue(logs.follow);
    assertEquals("5", logs.tail);
    assertFalse(logs.timestamps);
    assertEquals(List.of("client"), logs.services);
  }

  @Test
  void parse_tailDefaultsToAll() {
    LogsCommand logs = parse("logs");
    assertEquals("all", logs.tail);
    assertFalse(logs.follow);
    assertEquals(List.of(), logs.services);
  }

  @Test
  void parse_shortTailTimestampsNoPrefix() {
    LogsCommand logs = parse("logs", "-n", "20", "-t", "--no-log-prefix", "--no-color", "web", "db");
    assertEquals("20", logs.tail);
    assertTrue(logs.timestamps);
    assertTrue(logs.noPrefix);
    assertTrue(logs.noColor);
    assertEquals(List.of("web", "db"), logs.services);
  }

  @Test
  void parse_followIsTheSubcommandsFlag_notTheGlobalFile() {
    CommandLine.ParseResult pr = Main.commandLine().parseArgs("-f", "compose.yaml", "logs", "-f");
    assertEquals(List.of(java.nio.file.Path.of("compose.yaml")), ((Main) pr.commandSpec().userObject()).global.files);
    assertTrue(((LogsCommand) pr.subcommand().commandSpec().userObject()).follow);
  }
}
