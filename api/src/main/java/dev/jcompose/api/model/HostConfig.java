package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Docker's {@code HostConfig}: how the container meets the host (mounts, ports, network, limits). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostConfig(
    List<String> binds,
    List<Mount> mounts,
    Map<String, List<PortBinding>> portBindings,
    String networkMode,
    RestartPolicy restartPolicy,
    Long memory,
    Long pidsLimit,
    Long nanoCpus,
    Long cpuShares,
    List<String> capAdd,
    List<String> capDrop,
    Boolean privileged,
    Boolean init,
    List<String> extraHosts,
    List<String> dns,
    Map<String, String> tmpfs,
    List<String> volumesFrom,
    List<String> links,
    Boolean autoRemove) {

  public static HostConfig empty() {
    return new HostConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
