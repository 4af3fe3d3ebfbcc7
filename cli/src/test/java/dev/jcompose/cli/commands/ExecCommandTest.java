package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ComposeLabels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExecCommandTest {

  private static ExecCommand parse(String... args) {
    return (ExecCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void parse_optionsBeforeTheService_areExecs_afterItTheCommands() {
    ExecCommand exec = parse("exec", "-T", "-u", "1000:1000", "-w", "/srv", "-e", "A=1", "-e", "B=2", "-d", "--index", "2",
        "web", "sh", "-c", "ls -l", "-u");
    assertTrue(exec.noTty);
    assertTrue(exec.detach);
    assertEquals("1000:1000", exec.user);
    assertEquals("/srv", exec.workdir);
    assertEquals(List.of("A=1", "B=2"), exec.env);
    assertEquals(2, exec.index);
    assertEquals("web", exec.service);
    assertEquals(List.of("sh", "-c", "ls -l", "-u"), exec.command);
  }

  @Test
  void parse_defaults() {
    ExecCommand exec = parse("exec", "web", "env");
    assertFalse(exec.detach);
    assertEquals(1, exec.index);
    assertEquals(null, exec.user);
    assertEquals(List.of(), exec.env);
  }

  @Test
  void parse_withoutCommand_isAnError() {
    assertThrows(CommandLine.MissingParameterException.class, () -> parse("exec", "web"));
  }

  @Test
  void help_saysThereIsNoTtyYet() {
    String usage = Main.commandLine().getSubcommands().get("exec").getUsageMessage();
    assertTrue(usage.contains("No TTY support yet"), usage);
  }

  static ContainerSummary container(String id, String number) {
    return new ContainerSummary(id, List.of("/p-web-" + number), "busybox", null, null, null, "running", null, List.of(),
        Map.of(ComposeLabels.SERVICE, "web", ComposeLabels.NUMBER, number), null);
  }

  @Test
  void find_picksTheContainerWithTheIndex() {
    ContainerSummary two = container("b", "2");
    assertSame(two, ExecCommand.find(List.of(container("a", "1"), two), "web", 2));
  }

  @Test
  void find_noContainer_saysTheServiceIsNotRunning() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> ExecCommand.find(List.of(), "web", 1));
    assertEquals("service \"web\" is not running: start it with `jcompose up -d web`", e.getMessage());
  }

  @Test
  void find_wrongIndex_listsTheRunningOnes() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> ExecCommand.find(List.of(container("a", "1")), "web", 3));
    assertEquals("service \"web\" has no running container with index 3 (running: [1])", e.getMessage());
  }
}
