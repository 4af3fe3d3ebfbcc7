package dev.jcompose.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code docker build}: what {@code POST /build} carries (Docker Engine API v1.41 query
 * parameters), with the context already unpacked into {@code contextDir}.
 *
 * @param dockerfile  the Dockerfile's path inside the context ({@code Dockerfile} by default)
 * @param buildArgs   {@code --build-arg}s; a null value takes the variable from nowhere (Docker: unset)
 * @param target      the stage to build, or null for the last one
 * @param tags        names to give the result ({@code t}), possibly none
 * @param labels      labels added to the final image
 * @param noCache     build every step again
 * @param pull        pull every FROM image even when it is in the store
 * @param network     RUN steps' network: {@code default} (the engine's bridge), {@code host}, {@code none} or a network name
 * @param extraHosts  {@code host:ip} lines added to the RUN containers' /etc/hosts
 * @param shmSize     bytes for /dev/shm in RUN containers; 0: the default (64 MiB)
 */
public record BuildRequest(Path contextDir, String dockerfile, Map<String, String> buildArgs, String target, List<String> tags,
    Map<String, String> labels, boolean noCache, boolean pull, String network, List<String> extraHosts, long shmSize) {

  public BuildRequest {
    Objects.requireNonNull(contextDir, "contextDir");
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    buildArgs = buildArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
    target = target == null || target.isEmpty() ? null : target;
    tags = tags == null ? List.of() : List.copyOf(tags);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    network = network == null || network.isEmpty() ? "default" : network;
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
  }

  /** A build of {@code contextDir/Dockerfile} with no options. */
  public static BuildRequest of(Path contextDir) {
    return new BuildRequest(contextDir, null, null, null, null, null, false, false, null, null, 0);
  }

  public BuildRequest withTags(List<String> names) {
    return new BuildRequest(contextDir, dockerfile, buildArgs, target, names, labels, noCache, pull, network, extraHosts, shmSize);
  }

  public BuildRequest withBuildArgs(Map<String, String> args) {
    return new BuildRequest(contextDir, dockerfile, args, target, tags, labels, noCache, pull, network, extraHosts, shmSize);
  }

  public BuildRequest withTarget(String stage) {
    return new BuildRequest(contextDir, dockerfile, buildArgs, stage, tags, labels, noCache, pull, network, extraHosts, shmSize);
  }

  public BuildRequest withNoCache(boolean no) {
    return new BuildRequest(contextDir, dockerfile, buildArgs, target, tags, labels, no, pull, network, extraHosts, shmSize);
  }

  public BuildRequest withNetwork(String mode) {
    return new BuildRequest(contextDir, dockerfile, buildArgs, target, tags, labels, noCache, pull, mode, extraHosts, shmSize);
  }

  public BuildRequest withDockerfile(String path) {
    return new BuildRequest(contextDir, path, buildArgs, target, tags, labels, noCache, pull, network, extraHosts, shmSize);
  }
}
