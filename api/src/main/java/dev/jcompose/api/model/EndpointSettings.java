package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A container's endpoint on one network (request and inspect shapes). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointSettings(
    @JsonProperty("IPAMConfig") EndpointIpamConfig ipamConfig,
    List<String> aliases,
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    String gateway,
    @JsonProperty("IPAddress") String ipAddress,
    @JsonProperty("IPPrefixLen") Integer ipPrefixLen,
    String macAddress) {

  public static EndpointSettings withAliases(List<String> aliases, String ipv4Address) {
    return new EndpointSettings(ipv4Address == null ? null : new EndpointIpamConfig(ipv4Address), aliases, null, null, null, null, null, null);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EndpointIpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}
}
