package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/json}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerInspect(
    String id,
    String created,
    String path,
    List<String> args,
    ContainerState state,
    String image,
    String name,
    Integer restartCount,
    HostConfig hostConfig,
    ContainerCreateRequest config,
    NetworkSettings networkSettings,
    List<MountPoint> mounts) {

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record NetworkSettings(Map<String, EndpointSettings> networks, Map<String, List<PortBinding>> ports) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MountPoint(String type, String name, String source, String destination, String mode, @com.fasterxml.jackson.annotation.JsonProperty("RW") Boolean rw) {}
}
