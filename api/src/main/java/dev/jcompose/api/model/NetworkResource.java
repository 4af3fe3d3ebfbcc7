package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** {@code GET /networks} and {@code /networks/{id}}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkResource(
    String name,
    String id,
    String created,
    String scope,
    String driver,
    Boolean internal,
    Boolean attachable,
    @com.fasterxml.jackson.annotation.JsonProperty("IPAM") Ipam ipam,
    Map<String, NetworkContainer> containers,
    Map<String, String> labels,
    Map<String, String> options) {

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record NetworkContainer(
      String name,
      @com.fasterxml.jackson.annotation.JsonProperty("EndpointID") String endpointId,
      String macAddress,
      @com.fasterxml.jackson.annotation.JsonProperty("IPv4Address") String ipv4Address) {}
}
