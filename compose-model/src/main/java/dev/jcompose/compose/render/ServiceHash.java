package dev.jcompose.compose.render;

import dev.jcompose.compose.model.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A service's configuration hash, as {@code docker compose config --hash}: SHA-256 of the
 * service's normalized JSON, leaving out what does not change a container ({@code scale},
 * {@code deploy.replicas}, {@code build}, {@code pull_policy}), so scaling or rebuilding
 * settings do not count as a change of configuration.
 */
public final class ServiceHash {

    private ServiceHash() {
    }

    public static String of(ServiceConfig service) {
        Map<String, Object> tree = ConfigRenderer.service(service);
        tree.remove("scale");
        tree.remove("build");
        tree.remove("pull_policy");
        if (tree.get("deploy") instanceof Map<?, ?> deploy) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            deploy.forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.remove("replicas");
            tree.put("deploy", copy);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JsonWriter.write(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
