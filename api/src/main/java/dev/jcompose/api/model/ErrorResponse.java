package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Docker's error body: {@code {"message":"No such container: web"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(String message) {}
