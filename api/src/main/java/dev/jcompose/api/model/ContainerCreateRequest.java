package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /containers/create} (Docker Engine API v1.41 {@code ContainerConfig} + host and networking config). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerCreateRequest(
    String hostname,
    String domainname,
    String user,
    List<String> env,
    List<String> cmd,
    List<String> entrypoint,
    String image,
    Map<String, String> labels,
    String workingDir,
    Map<String, Map<String, Object>> exposedPorts,
    String stopSignal,
    Integer stopTimeout,
    Boolean tty,
    Boolean openStdin,
    HostConfig hostConfig,
    NetworkingConfig networkingConfig,
    HealthConfig healthcheck) {

  /** Without a healthcheck (the image's, if any, applies). */
  public ContainerCreateRequest(String hostname, String domainname, String user, List<String> env, List<String> cmd,
      List<String> entrypoint, String image, Map<String, String> labels, String workingDir,
      Map<String, Map<String, Object>> exposedPorts, String stopSignal, Integer stopTimeout, Boolean tty, Boolean openStdin,
      HostConfig hostConfig, NetworkingConfig networkingConfig) {
    this(hostname, domainname, user, env, cmd, entrypoint, image, labels, workingDir, exposedPorts, stopSignal, stopTimeout, tty,
        openStdin, hostConfig, networkingConfig, null);
  }

  public ContainerCreateRequest withHealthcheck(HealthConfig h) {
    return new ContainerCreateRequest(hostname, domainname, user, env, cmd, entrypoint, image, labels, workingDir, exposedPorts,
        stopSignal, stopTimeout, tty, openStdin, hostConfig, networkingConfig, h);
  }
}
