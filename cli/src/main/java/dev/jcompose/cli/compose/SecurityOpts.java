package dev.jcompose.cli.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.jcompose.api.model.Json;
import dev.jcompose.cli.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compose's {@code security_opt} as Docker's {@code HostConfig.SecurityOpt}, the way the docker CLI
 * and Docker Compose send it: {@code seccomp=PATH} (or {@code seccomp:PATH}) becomes
 * {@code seccomp=<the profile's JSON, compacted>}, read here, on the client; {@code seccomp=unconfined}
 * and the other options go as they are.
 */
final class SecurityOpts {
  private SecurityOpts() {}

  /**
   * @param baseDir where a relative profile path is looked up (the project's working directory)
   * @return null when there are none
   */
  static List<String> of(String service, List<String> options, Path baseDir) {
    if (options.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String opt : options) {
      String[] kv = opt.split("=", 2);
      if (kv.length < 2 && !kv[0].equals("no-new-privileges")) {
        kv = opt.split(":", 2);
      }
      if ((kv.length < 2 || kv[1].isEmpty()) && !kv[0].equals("no-new-privileges")) {
        throw new UserFacingException("service \"" + service + "\": security_opt: invalid option \"" + opt
            + "\": use KEY=VALUE (e.g. seccomp=unconfined, seccomp=profile.json) or no-new-privileges");
      }
      if (kv[0].equals("seccomp") && !kv[1].equals("unconfined") && !kv[1].equals("builtin")) {
        out.add("seccomp=" + profile(service, baseDir.resolve(kv[1])));
      } else {
        out.add(opt);
      }
    }
    return out;
  }

  private static String profile(String service, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UserFacingException("service \"" + service + "\": security_opt: opening seccomp profile (" + file + ") failed: "
          + e + "; give the path of a Docker seccomp profile (JSON), relative to the project directory, or seccomp=unconfined");
    }
    try {
      return Json.mapper().writeValueAsString(Json.mapper().readTree(text));
    } catch (JsonProcessingException e) {
      throw new UserFacingException("service \"" + service + "\": security_opt: compacting json for seccomp profile (" + file
          + ") failed: " + e.getOriginalMessage());
    }
  }
}
