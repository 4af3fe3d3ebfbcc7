package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.runtime.ExecSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecServiceTest {
  static final String ID = "0123456789ab0123456789ab0123456789ab0123456789ab0123456789abcdef";

  @TempDir
  Path tmp;

  static ContainerCreateRequest config(String user, List<String> env, String workingDir) {
    return new ContainerCreateRequest(null, null, user, env, List.of("sleep", "1000"), null, "busybox", Map.of(), workingDir,
        null, null, null, null, null, null, null);
  }

  static ContainerRecord record(ContainerCreateRequest cfg) {
    return new ContainerRecord(ID, "p-web-1", Instant.EPOCH, "busybox", "sha256:img", cfg, List.of(), RunState.created(), Map.of(),
        List.of(), List.of());
  }

  ExecService service(Container c) {
    return new ExecService(id -> {
      if (!id.equals("web")) {
        throw ApiException.notFound("No such container: " + id);
      }
      return c;
    }, id -> {
      throw ApiException.notFound("No such image: " + id);
    }, null);
  }

  static ExecCreateRequest request(List<String> cmd) {
    return ExecCreateRequest.of(cmd, null, null, null);
  }

  @Test
  void create_forAStoppedContainer_isAConflict() {
    ExecService s = service(new Container(record(config(null, null, null)), tmp));
    ApiException e = assertThrows(ApiException.class, () -> s.create("web", request(List.of("ls"))));
    assertEquals(409, e.status());
    assertEquals("Container " + ID + " is not running: start it before exec", e.getMessage());
  }

  @Test
  void create_forAnUnknownContainer_is404() {
    ExecService s = service(new Container(record(config(null, null, null)), tmp));
    assertEquals(404, assertThrows(ApiException.class, () -> s.create("db", request(List.of("ls")))).status());
  }

  @Test
  void create_withoutCommand_isABadRequest() {
    ExecService s = service(new Container(record(config(null, null, null)), tmp));
    ApiException e = assertThrows(ApiException.class, () -> s.create("web", request(List.of())));
    assertEquals(400, e.status());
    assertEquals("No exec command specified: give Cmd, e.g. {\"Cmd\":[\"ls\",\"-l\"]}", e.getMessage());
  }

  @Test
  void create_withTty_saysItIsNotSupportedYet() {
    ExecService s = service(new Container(record(config(null, null, null)), tmp));
    ExecCreateRequest tty = new ExecCreateRequest(false, true, true, true, null, List.of("sh"), false, null, null);
    ApiException e = assertThrows(ApiException.class, () -> s.create("web", tty));
    assertEquals("exec with a TTY is not supported yet: create it with \"Tty\":false (jcompose exec -T)", e.getMessage());
  }

  @Test
  void inspectAndStart_ofAnUnknownExec_are404() {
    ExecService s = service(new Container(record(config(null, null, null)), tmp));
    assertEquals("No such exec instance: nope", assertThrows(ApiException.class, () -> s.inspect("nope")).getMessage());
    assertEquals(404, assertThrows(ApiException.class, () -> s.start("nope", null)).status());
  }

  @Test
  void execSpec_defaultsToTheContainersUserEnvAndDir() {
    ContainerRecord r = record(config("1000:1000", List.of("A=container", "B=2"), "/srv"));
    ImageConfig.Config ic = new ImageConfig.Config("0", null, List.of("A=image", "PATH=/bin"), null, null, null, "/img", null, null);
    ExecSpec spec = ExecService.execSpec(r, ic, List.of(), request(List.of("ls")));
    assertEquals(new ExecSpec(List.of("ls"), List.of("PATH=/bin", "A=container", "HOSTNAME=0123456789ab", "B=2"), "/srv", 1000, 1000,
        List.of(1000)), spec);
  }

  @Test
  void execSpec_requestOverridesUserEnvAndDir() throws IOException {
    Path layer = tmp.resolve("layer");
    Files.createDirectories(layer.resolve("etc"));
    Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:33:44::/home/app:/bin/sh\n");
    ContainerRecord r = record(config("1000", List.of("A=container"), "/srv"));
    ExecCreateRequest req = ExecCreateRequest.of(List.of("env"), "app", "/tmp", List.of("A=exec"));
    ExecSpec spec = ExecService.execSpec(r, ImageConfig.Config.empty(), List.of(layer), req);
    assertEquals(33, spec.uid());
    assertEquals(44, spec.gid());
    assertEquals(List.of(44), spec.additionalGids(), "the primary group; no /etc/group lists app");
    assertEquals("/tmp", spec.workingDir());
    assertEquals(List.of(ProcessArgs.DEFAULT_PATH, "HOSTNAME=0123456789ab", "A=exec"), spec.env());
  }

  @Test
  void execSpec_unknownUser_isRejectedWithTheName() {
    ContainerRecord r = record(config(null, null, null));
    ExecCreateRequest req = ExecCreateRequest.of(List.of("env"), "nobody", null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExecService.execSpec(r, ImageConfig.Config.empty(), List.of(), req));
    assertEquals("unable to find user nobody: no matching entries in the image's /etc/passwd", e.getMessage());
  }
}
