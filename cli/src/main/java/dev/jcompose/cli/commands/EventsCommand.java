package dev.jcompose.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.api.model.Json;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.compose.model.Project;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose events}: the project's container events as they happen, as Docker Compose prints them. */
@Command(name = "events", description = "Receive real time events from containers")
public final class EventsCommand extends ProjectCommand {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneId.systemDefault());

  @Option(names = "--json", description = "Output events as a stream of json objects")
  boolean json;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    engine().events(List.of(ComposeLabels.project(p.name())), e -> {
      if (!"container".equals(e.path("Type").asText())) {
        return true;
      }
      JsonNode attrs = e.path("Actor").path("Attributes");
      String service = attrs.path(ComposeLabels.SERVICE).asText();
      if (!services.isEmpty() && !services.contains(service)) {
        return true;
      }
      System.out.println(json ? asJson(e, service) : asText(e, attrs));
      System.out.flush();
      return true;
    });
  }

  private static String asText(JsonNode e, JsonNode attrs) {
    Map<String, String> shown = new TreeMap<>();
    attrs.fields().forEachRemaining(f -> {
      if (!f.getKey().startsWith("com.docker.compose.")) {
        shown.put(f.getKey(), f.getValue().asText());
      }
    });
    StringBuilder a = new StringBuilder();
    shown.forEach((k, v) -> a.append(a.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    Instant t = Instant.ofEpochSecond(0, e.path("timeNano").asLong());
    return TIME.format(t) + " container " + e.path("Action").asText() + " " + e.path("Actor").path("ID").asText() + " (" + a + ")";
  }

  private static String asJson(JsonNode e, String service) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("time", Instant.ofEpochSecond(0, e.path("timeNano").asLong()).toString());
    o.put("type", "container");
    o.put("action", e.path("Action").asText());
    o.put("id", e.path("Actor").path("ID").asText());
    o.put("service", service);
    o.set("attributes", e.path("Actor").path("Attributes"));
    return o.toString();
  }
}
