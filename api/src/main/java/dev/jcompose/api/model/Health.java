package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code State.Health}: status starting, healthy or unhealthy, the failing streak and the last results. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(String status, Integer failingStreak, List<Result> log) {
  public Health {
    log = log == null ? List.of() : List.copyOf(log);
  }

  /** One check: when it ran, its exit code and (the start of) its output. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Result(String start, String end, Integer exitCode, String output) {}
}
