package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /networks/create}. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkCreateRequest(
    String name,
    Boolean checkDuplicate,
    String driver,
    Boolean internal,
    Boolean attachable,
    @com.fasterxml.jackson.annotation.JsonProperty("IPAM") Ipam ipam,
    Map<String, String> labels,
    Map<String, String> options) {}
