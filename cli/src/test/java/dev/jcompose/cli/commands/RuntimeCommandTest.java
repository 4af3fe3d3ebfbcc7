package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RuntimeCommandTest {
  private final String saved = System.getProperty("jcompose.engine.classpath");

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty("jcompose.engine.classpath");
    } else {
      System.setProperty("jcompose.engine.classpath", saved);
    }
  }

  static RuntimeCommand parse(String... args) {
    CommandLine cli = Main.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    return (RuntimeCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void runcArgumentsPassThroughToTheRuntimeOnTheEngineClassPath() {
    System.setProperty("jcompose.engine.classpath", "/e/engine.jar:/e/lib/*");
    List<String> cmd = parse("runtime", "--root", "/tmp/r", "delete", "-f", "c1").command();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    assertEquals(java, cmd.get(0));
    int cp = cmd.indexOf("-cp");
    assertEquals("/e/engine.jar:/e/lib/*", cmd.get(cp + 1));
    assertEquals(List.of(RuntimeCommand.MAIN_CLASS, "--root", "/tmp/r", "delete", "-f", "c1"), cmd.subList(cp + 2, cmd.size()));
    assertEquals(List.of("create", "-b", "/b", "c2"), parse("runtime", "create", "-b", "/b", "c2").args);
    assertEquals(List.of("exec", "c2", "ls", "-l", "--help"), parse("runtime", "exec", "c2", "ls", "-l", "--help").args);
  }

  @Test
  void withoutTheEngineClassPathItSaysWhatToDo() {
    System.clearProperty("jcompose.engine.classpath");
    UserFacingException e = assertThrows(UserFacingException.class, () -> parse("runtime", "list").command());
    assertTrue(e.getMessage().contains("use the ./jcompose launcher"), e.getMessage());
  }
}
