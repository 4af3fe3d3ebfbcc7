package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code GET /exec/{id}/json}. {@code ExitCode} is null until the process has exited; {@code Pid}
 * is its host pid (0 before it started).
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecInspect(
    @JsonProperty("ID") String id,
    @JsonProperty("ContainerID") String containerId,
    Boolean running,
    Integer exitCode,
    ProcessConfig processConfig,
    Boolean openStdin,
    Boolean openStdout,
    Boolean openStderr,
    Boolean canRemove,
    Long pid) {

  /** The command as Docker reports it: {@code entrypoint} is argv[0], {@code arguments} the rest. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProcessConfig(
      @JsonProperty("tty") Boolean tty,
      @JsonProperty("entrypoint") String entrypoint,
      @JsonProperty("arguments") List<String> arguments,
      @JsonProperty("privileged") Boolean privileged,
      @JsonProperty("user") String user) {}
}
