package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** {@code State} of an inspected container; Status is created, running, exited, dead, restarting, paused or removing. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(
    String status,
    Boolean running,
    Boolean paused,
    Boolean restarting,
    @com.fasterxml.jackson.annotation.JsonProperty("OOMKilled") Boolean oomKilled,
    Boolean dead,
    Long pid,
    Integer exitCode,
    String error,
    String startedAt,
    String finishedAt,
    Health health) {

  /** Without health (a container with no healthcheck). */
  public ContainerState(String status, Boolean running, Boolean paused, Boolean restarting, Boolean oomKilled, Boolean dead,
      Long pid, Integer exitCode, String error, String startedAt, String finishedAt) {
    this(status, running, paused, restarting, oomKilled, dead, pid, exitCode, error, startedAt, finishedAt, null);
  }
}
