package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code HostConfig.Mounts}: Type is volume, bind or tmpfs. Unlike a legacy
 * {@code HostConfig.Binds} entry, a bind here needs its source to exist unless
 * {@code BindOptions.CreateMountpoint} is true (Docker's rule).
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mount(String type, String source, String target, Boolean readOnly, VolumeOptions volumeOptions, TmpfsOptions tmpfsOptions,
    BindOptions bindOptions) {

  public Mount(String type, String source, String target, Boolean readOnly, VolumeOptions volumeOptions, TmpfsOptions tmpfsOptions) {
    this(type, source, target, readOnly, volumeOptions, tmpfsOptions, null);
  }

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
  public record VolumeOptions(Boolean noCopy, Map<String, String> labels, String subpath) {
    public VolumeOptions(Boolean noCopy, Map<String, String> labels) {
      this(noCopy, labels, null);
    }
  }

  /** {@code CreateMountpoint}: create a missing source directory instead of refusing the mount. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BindOptions(String propagation, Boolean createMountpoint) {}

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TmpfsOptions(Long sizeBytes, Integer mode) {}
}
