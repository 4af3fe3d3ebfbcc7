package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code POST /containers/{id}/exec}: a command to run in a running container. {@code User} is
 * "uid", "uid:gid", "name" or "name:group"; {@code Env} entries are {@code K=V} and override the
 * container's; {@code WorkingDir} defaults to the container's.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecCreateRequest(
    Boolean attachStdin,
    Boolean attachStdout,
    Boolean attachStderr,
    Boolean tty,
    List<String> env,
    List<String> cmd,
    Boolean privileged,
    String user,
    String workingDir) {

  /** Runs {@code cmd} with stdout and stderr attached and no TTY, as {@code docker exec -T} does. */
  public static ExecCreateRequest of(List<String> cmd, String user, String workingDir, List<String> env) {
    return new ExecCreateRequest(false, true, true, false, env, cmd, false, user, workingDir);
  }
}
