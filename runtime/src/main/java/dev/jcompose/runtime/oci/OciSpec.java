package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OCI runtime spec ({@code config.json} of a bundle), the subset a {@code runc spec} user writes.
 * Fields this runtime does not know are ignored; {@link OciTranslator} says which known ones it refuses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts, Linux linux,
    Map<String, String> annotations) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

  public OciSpec {
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
      Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges, String apparmorProfile,
      Integer oomScoreAdj, String selinuxLabel) {
    public Process {
      args = args == null ? List.of() : List.copyOf(args);
      env = env == null ? List.of() : List.copyOf(env);
      rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record User(long uid, long gid, List<Long> additionalGids, Integer umask, String username) {
    public User {
      additionalGids = additionalGids == null ? List.of() : List.copyOf(additionalGids);
    }
  }

  /** Null lists: the field was absent. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
      List<String> permitted, List<String> ambient) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rlimit(String type, long hard, long soft) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Root(String path, boolean readonly) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Mount(String destination, String type, String source, List<String> options) {
    public Mount {
      options = options == null ? List.of() : List.copyOf(options);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Linux(List<Namespace> namespaces, Resources resources, List<String> maskedPaths, List<String> readonlyPaths,
      List<IdMapping> uidMappings, List<IdMapping> gidMappings, String cgroupsPath, Map<String, String> sysctl,
      JsonNode seccomp, List<JsonNode> devices, String rootfsPropagation) {
    public Linux {
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
      maskedPaths = maskedPaths == null ? List.of() : List.copyOf(maskedPaths);
      readonlyPaths = readonlyPaths == null ? List.of() : List.copyOf(readonlyPaths);
      uidMappings = uidMappings == null ? List.of() : List.copyOf(uidMappings);
      gidMappings = gidMappings == null ? List.of() : List.copyOf(gidMappings);
      sysctl = sysctl == null ? Map.of() : Map.copyOf(sysctl);
      devices = devices == null ? List.of() : List.copyOf(devices);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Namespace(String type, String path) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record IdMapping(long containerID, long hostID, long size) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Resources(Memory memory, Pids pids, Cpu cpu, List<JsonNode> devices, JsonNode blockIO, JsonNode hugepageLimits,
      JsonNode network) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Memory(Long limit, Long reservation, Long swap, Long kernel, Long swappiness) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Pids(Long limit) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Cpu(Long shares, Long quota, Long period, String cpus, String mems, Long realtimeRuntime, Long realtimePeriod) {}

  /** Parses {@code json}; {@code source} names it in errors (a file name). */
  public static OciSpec parse(String json, String source) {
    try {
      OciSpec spec = JSON.readValue(json, OciSpec.class);
      if (spec == null) {
        throw new OciSpecException(source + ": is empty (null); write an OCI runtime spec, e.g. with `runc spec`");
      }
      return spec;
    } catch (JsonMappingException e) {
      String field = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      throw new OciSpecException(source + ": field " + (field.isEmpty() ? "(top level)" : field) + " has the wrong type ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + "); fix it to match the OCI runtime spec");
    } catch (JsonProcessingException e) {
      throw new OciSpecException(source + ": is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + "); fix the JSON");
    }
  }

  /** Reads {@code bundle/config.json}. */
  public static OciSpec read(Path bundle) {
    Path file = bundle.resolve("config.json");
    try {
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new OciSpecException(file + ": no such file; a bundle is a directory with config.json and its rootfs "
          + "(create one with `runc spec` in the bundle directory, or pass the bundle with -b DIR)");
    } catch (IOException e) {
      throw new OciSpecException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  static ObjectMapper json() {
    return JSON;
  }
}
