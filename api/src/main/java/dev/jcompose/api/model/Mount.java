package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** One entry of {@code HostConfig.Mounts}: Type is volume, bind or tmpfs. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mount(String type, String source, String target, Boolean readOnly, VolumeOptions volumeOptions, TmpfsOptions tmpfsOptions) {

  public static Mount volume(String source, String target, boolean readOnly) {
    return new Mount("volume", source, target, readOnly, null, null);
  }

  public static Mount bind(String source, String target, boolean readOnly) {
    return new Mount("bind", source, target, readOnly, null, null);
  }

  public static Mount tmpfs(String target, Long sizeBytes) {
    return new Mount("tmpfs", null, target, false, null, new TmpfsOptions(sizeBytes, null));
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record VolumeOptions(Boolean noCopy, Map<String, String> labels) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TmpfsOptions(Long sizeBytes, Integer mode) {}
}
