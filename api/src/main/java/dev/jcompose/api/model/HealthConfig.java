package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Docker's {@code Config.Healthcheck}: {@code Test} is {@code ["CMD", args…]},
 * {@code ["CMD-SHELL", command]} or {@code ["NONE"]}; durations are in nanoseconds.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthConfig(List<String> test, Long interval, Long timeout, Long startPeriod, Long startInterval, Integer retries) {}
