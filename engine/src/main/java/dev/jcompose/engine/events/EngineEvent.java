package dev.jcompose.engine.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One event in Docker's {@code /events} shape:
 * {@code {"Type":"container","Action":"start","Actor":{"ID":"…","Attributes":{"name":"…",…}},"time":…,"timeNano":…}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineEvent(
    @JsonProperty("Type") String type,
    @JsonProperty("Action") String action,
    @JsonProperty("Actor") Actor actor,
    @JsonProperty("scope") String scope,
    @JsonProperty("time") long time,
    @JsonProperty("timeNano") long timeNano) {

  /** The object the event is about: its id and attributes (name, image, labels, exitCode…). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
    public Actor {
      attributes = Map.copyOf(attributes);
    }
  }

  public static EngineEvent of(String type, String action, String id, Map<String, String> attributes) {
    java.time.Instant now = java.time.Instant.now();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return new EngineEvent(type, action, new Actor(id, attributes), "local", now.getEpochSecond(), nanos);
  }
}
