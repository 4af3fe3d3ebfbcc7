package dev.jcompose.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The OCI image configuration (application/vnd.oci.image.config.v1+json), the fields jcompose uses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(
    String created,
    String architecture,
    String os,
    Config config,
    RootFs rootfs,
    List<History> history) {

  /** The defaults a container of this image starts with. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Config(
      @JsonProperty("User") String user,
      @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Volumes") Map<String, Object> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") String stopSignal,
      @JsonProperty("Healthcheck") HealthConfig healthcheck,
      @JsonProperty("OnBuild") List<String> onBuild,
      @JsonProperty("Shell") List<String> shell) {

    /** The fields {@code docker import} and most images set. */
    public Config(String user, Map<String, Object> exposedPorts, List<String> env, List<String> entrypoint, List<String> cmd,
        Map<String, Object> volumes, String workingDir, Map<String, String> labels, String stopSignal) {
      this(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, null, null, null);
    }

    public static Config empty() {
      return new Config(null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * The image's HEALTHCHECK: {@code Test} as Docker stores it ({@code ["NONE"]},
   * {@code ["CMD", args...]} or {@code ["CMD-SHELL", script]}); durations in nanoseconds; null: not set.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HealthConfig(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") Long interval,
      @JsonProperty("Timeout") Long timeout,
      @JsonProperty("StartPeriod") Long startPeriod,
      @JsonProperty("StartInterval") Long startInterval,
      @JsonProperty("Retries") Integer retries) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record History(String created, @JsonProperty("created_by") String createdBy, String comment,
      @JsonProperty("empty_layer") Boolean emptyLayer) {

    public History(String created, String createdBy, String comment) {
      this(created, createdBy, comment, null);
    }
  }
}
