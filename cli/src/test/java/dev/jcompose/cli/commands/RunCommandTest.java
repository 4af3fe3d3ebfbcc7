package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.OneOffContainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

  private static RunCommand parse(String... args) {
    return (RunCommand) Main.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void parse_optionsBeforeTheService_areRuns_afterItTheCommands() {
    RunCommand run = parse("run", "--rm", "-d", "--name", "job", "-e", "A=1", "-e", "B", "-l", "k=v", "-u", "1000", "-w", "/srv",
        "-v", "./d:/d", "-p", "8080:80", "--no-deps", "--use-aliases", "--entrypoint", "sh -c", "--pull", "never", "-T",
        "web", "echo", "-e", "x");
    assertTrue(run.rm && run.detach && run.noDeps && run.useAliases && run.noTty);
    assertEquals("job", run.name);
    assertEquals(List.of("A=1", "B"), run.env);
    assertEquals(List.of("k=v"), run.labels);
    assertEquals("1000", run.user);
    assertEquals("/srv", run.workdir);
    assertEquals(List.of("./d:/d"), run.volumes);
    assertEquals(List.of("8080:80"), run.publish);
    assertEquals("web", run.service);
    assertEquals(List.of("echo", "-e", "x"), run.command);
  }

  @Test
  void parse_serviceAlone_keepsTheServicesCommand() {
    RunCommand run = parse("run", "web");
    assertEquals(List.of(), run.command);
    assertFalse(run.detach);
    assertEquals("policy", run.pull);
  }

  @Test
  void parse_withoutService_isAnError() {
    assertThrows(CommandLine.MissingParameterException.class, () -> parse("run"));
  }

  @Test
  void overrides_fromTheFlags() {
    RunCommand run = parse("run", "-e", "A=1", "-l", "k=v", "--entrypoint", "sh -c", "-p", "127.0.0.1:8080:80", "--pull", "always",
        "--rm", "web", "echo hi");
    OneOffContainer o = run.overrides();
    assertEquals(Map.of("A", "1"), o.environment());
    assertEquals(Map.of("k", "v"), o.labels());
    assertEquals(List.of("sh", "-c"), o.entrypoint());
    assertEquals(List.of("echo hi"), o.command());
    assertEquals(1, o.publish().size());
    assertEquals("always", o.pullPolicy());
    assertFalse(o.autoRemove(), "in the foreground the CLI removes the container itself");
  }

  @Test
  void overrides_policyPull_keepsTheServicesPolicy_andDetachedRmAsksTheEngine() {
    OneOffContainer o = parse("run", "-d", "--rm", "web").overrides();
    assertNull(o.pullPolicy());
    assertTrue(o.autoRemove());
  }

  @Test
  void overrides_servicePortsAndPublish_areIncompatible() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> parse("run", "--service-ports", "-p", "80", "web").overrides());
    assertEquals("--service-ports and --publish are incompatible: use one or the other", e.getMessage());
  }

  @Test
  void overrides_badPull_listsTheValues() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> parse("run", "--pull", "sometimes", "web").overrides());
    assertEquals("invalid --pull \"sometimes\": use always, missing, never or policy (the service's pull_policy)", e.getMessage());
  }

  @Test
  void warnAboutTerminal_onlyWhenAskedFor() {
    assertEquals("", warning(parse("run", "-T", "web")));
    assertEquals("WARN[0000] -i/--interactive and -t/--tty: jcompose cannot attach a terminal or stdin yet; "
        + "the container runs as with -T and reads end of file\n", warning(parse("run", "-it", "web")));
    assertTrue(warning(parse("run", "-i", "web")).startsWith("WARN[0000] -i/--interactive: "));
  }

  private static String warning(RunCommand run) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    run.warnAboutTerminal(new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_saysThereIsNoTtyYet() {
    String usage = Main.commandLine().getSubcommands().get("run").getUsageMessage();
    assertTrue(usage.contains("No TTY or stdin yet"), usage);
  }
}
