package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** One row of {@code GET /containers/json}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerSummary(
    String id,
    List<String> names,
    String image,
    @com.fasterxml.jackson.annotation.JsonProperty("ImageID") String imageId,
    String command,
    Long created,
    String state,
    String status,
    List<Port> ports,
    Map<String, String> labels,
    SummaryNetworkSettings networkSettings) {

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(@com.fasterxml.jackson.annotation.JsonProperty("IP") String ip, Integer privatePort, Integer publicPort, String type) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SummaryNetworkSettings(Map<String, EndpointSettings> networks) {}

  /** The name without Docker's leading slash. */
  public String name() {
    return names == null || names.isEmpty() ? id : names.get(0).replaceFirst("^/", "");
  }
}
