package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class SubcommandTokenTest {
  private final CommandSpec top = new CommandLine(new Main()).getCommandSpec();

  private Optional<String> find(String... args) {
    return SubcommandToken.find(top, args);
  }

  @Test
  void theFirstArgumentThatIsNoOptionNorAnOptionsValue() {
    assertEquals(Optional.of("up"), find("up", "-d"));
    assertEquals(Optional.of("ps"), find("-f", "a.yaml", "--project-name", "demo", "ps", "-q"));
    assertEquals(Optional.of("down"), find("--root=/tmp/r", "-p", "x", "--stacktrace", "down"));
    assertEquals(Optional.of("logs"), find("--profile", "debug", "--env-file", "e", "logs", "web"));
  }

  @Test
  void noneForHelpVersionUnknownOptionsOrNoSubcommand() {
    assertEquals(Optional.empty(), find());
    assertEquals(Optional.empty(), find("--help", "up"));
    assertEquals(Optional.empty(), find("-V"));
    assertEquals(Optional.empty(), find("--no-such-option", "up"));
    assertEquals(Optional.empty(), find("-f", "a.yaml"));
    assertEquals(Optional.empty(), find("--", "up"));
  }

  @Test
  void namesIncludeAliases() {
    assertEquals(List.of("ls", "list"), SubcommandToken.names(dev.jcompose.cli.commands.VolumeCommand.Ls.class));
  }

  @Test
  void onlyTheNamedSubcommandIsBuilt_everyOneOtherwise() {
    assertEquals(List.of("ps"), List.copyOf(Main.commandLine(new String[] {"--root", "/tmp/x", "ps"}).getSubcommands().keySet()));
    int all = Main.commandLine().getSubcommands().size();
    assertEquals(all, Main.commandLine(new String[] {"help", "up"}).getSubcommands().size());
    assertEquals(all, Main.commandLine(new String[] {"nosuchcommand"}).getSubcommands().size());
    assertEquals(all, Main.commandLine(new String[] {}).getSubcommands().size());
  }

  @Test
  void everySubcommandHasHelp_butUpKeepsMinusVForRenewingVolumes() {
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      assertEquals(true, sub.getCommandSpec().options().stream().anyMatch(o -> o.usageHelp()), sub.getCommandName());
    }
    CommandLine up = Main.commandLine(new String[] {"up", "--help"});
    assertEquals(true, up.parseArgs("up", "--help").subcommand().isUsageHelpRequested());
    assertEquals(true, up.parseArgs("up", "-h").subcommand().isUsageHelpRequested());
    assertEquals(false, up.parseArgs("up", "-V").subcommand().isUsageHelpRequested());
  }
}
