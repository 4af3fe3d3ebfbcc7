package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.output.Table;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose top}: the running processes of each service container. */
@Command(name = "top", description = "Display the running processes")
public final class TopCommand extends ProjectCommand {
  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  @SuppressWarnings("unchecked")
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    for (ContainerSummary c : containers(engine, p, services, false)) {
      Map<String, Object> top = engine.topContainer(c.id());
      List<String> titles = (List<String>) top.get("Titles");
      Table t = new Table(titles.toArray(String[]::new));
      for (List<String> row : (List<List<String>>) top.get("Processes")) {
        List<String> cells = new ArrayList<>(row);
        while (cells.size() < titles.size()) {
          cells.add("");
        }
        t.row(cells.subList(0, titles.size()).toArray(String[]::new));
      }
      System.out.println(c.name());
      System.out.println(t.render());
    }
  }
}
