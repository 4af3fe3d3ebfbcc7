package dev.jcompose.engine.containers;

import dev.jcompose.engine.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code HostConfig.SecurityOpt} as dockerd reads it: {@code seccomp=unconfined}, {@code seccomp=builtin}
 * or {@code seccomp=<profile JSON>} (the client has read the file) choose the seccomp filter;
 * {@code label=...}, {@code apparmor=...} and {@code no-new-privileges} are accepted with a warning
 * (this engine has no SELinux or AppArmor support and does not set no_new_privs yet); anything else is refused.
 *
 * @param seccomp  null: the default filter; "unconfined": none; else a Docker seccomp profile (JSON)
 * @param warnings what the create call tells the client
 */
record SecurityOpts(String seccomp, List<String> warnings) {

  static SecurityOpts of(List<String> options) {
    String seccomp = null;
    List<String> warnings = new ArrayList<>();
    for (String opt : options == null ? List.<String>of() : options) {
      String[] kv = opt.split("=", 2);
      if (kv.length < 2 && !kv[0].startsWith("no-new-privileges")) {
        kv = opt.split(":", 2); // the old syntax, as dockerd still takes it
      }
      String key = kv[0];
      String value = kv.length == 2 ? kv[1] : "";
      switch (key) {
        case "seccomp" -> {
          if (value.isEmpty()) {
            throw ApiException.badRequest("invalid --security-opt: \"" + opt + "\": seccomp needs unconfined, builtin or a profile");
          }
          seccomp = value.equals("builtin") ? null : value;
        }
        case "no-new-privileges", "no-new-privileges:true", "no-new-privileges:false" ->
            warnings.add("security_opt \"" + opt + "\" is not applied by the jcompose engine yet (no_new_privs stays off)");
        case "label", "apparmor", "systempaths" ->
            warnings.add("security_opt \"" + opt + "\" is not applied: the jcompose engine has no " + (key.equals("label") ? "SELinux"
                : key.equals("apparmor") ? "AppArmor" : "systempaths") + " support");
        default -> throw ApiException.badRequest("invalid --security-opt: \"" + opt
            + "\" (known: seccomp=unconfined|PROFILE, no-new-privileges, label=..., apparmor=...)");
      }
    }
    return new SecurityOpts(seccomp, List.copyOf(warnings));
  }
}
