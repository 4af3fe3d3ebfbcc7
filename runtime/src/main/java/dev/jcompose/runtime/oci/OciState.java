package dev.jcompose.runtime.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What {@code jcompose runtime} keeps of one container in {@code ROOT/containers/ID/oci.json}:
 * where its bundle is, its init's pid (0 before create finished), the pid of the process that
 * holds it while it is created ({@code shimPid}) and of its monitor once it runs ({@code monitorPid}),
 * the process fields {@code exec} needs, and the init's start time ({@code pidStart}, clock ticks after boot as
 * {@code /proc/PID/stat} field 22), so that a pid the kernel gave to another process is not taken for the container.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OciState(String id, String bundle, String rootfs, String created, long pid, long shimPid, long monitorPid,
    List<String> env, String cwd, int uid, int gid, long pidStart) {

  static final String FILE = "oci.json";

  public OciState {
    env = env == null ? List.of() : List.copyOf(env);
  }

  OciState withPids(long initPid, long shim, long monitor) {
    long start = initPid == pid ? pidStart : RuntimeCli.startTime(initPid);
    return new OciState(id, bundle, rootfs, created, initPid, shim, monitor, env, cwd, uid, gid, start);
  }

  /** The init exists, is not a zombie, and is the process that was started as it. */
  boolean initAlive() {
    return pid > 0 && RuntimeCli.alive(pid) && (pidStart == 0 || RuntimeCli.startTime(pid) == pidStart);
  }

  static OciState read(Path stateDir) throws IOException {
    return OciSpec.json().readValue(stateDir.resolve(FILE).toFile(), OciState.class);
  }

  void write(Path stateDir) throws IOException {
    Path tmp = stateDir.resolve(FILE + ".tmp");
    Files.write(tmp, OciSpec.json().writeValueAsBytes(this));
    Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
