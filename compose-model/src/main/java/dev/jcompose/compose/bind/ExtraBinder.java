package dev.jcompose.compose.bind;

import dev.jcompose.compose.model.DeviceMapping;
import dev.jcompose.compose.model.FileReference;
import dev.jcompose.compose.model.LoggingConfig;
import dev.jcompose.compose.model.Ulimit;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Binds the service attributes beyond first light: ulimits, devices, logging, secrets and
 * configs references, CPU times, and the attributes kept as plain values
 * ({@link #OTHER}: deploy, develop, hooks, ...).
 */
final class ExtraBinder {

    /** Attributes the model keeps as plain values (maps, lists, strings, numbers, booleans). */
    static final List<String> OTHER = List.of("deploy", "develop", "blkio_config", "credential_spec", "gpus",
            "post_start", "pre_start", "pre_stop", "provider", "models");

    private ExtraBinder() {
    }

    static Map<String, Ulimit> ulimits(MappingNode s, TreePath path) {
        Map<String, Ulimit> out = new LinkedHashMap<>();
        MappingNode ulimits = Nodes.getMapping(s, "ulimits");
        if (ulimits == null) {
            return out;
        }
        TreePath base = path.key("ulimits");
        for (Map.Entry<String, Node> e : Nodes.entries(ulimits, base).entrySet()) {
            TreePath at = base.key(e.getKey());
            if (!(e.getValue() instanceof MappingNode limit)) {
                throw Problems.invalid(e.getValue(), at, "must be a number (both limits) or {soft: N, hard: N},"
                        + " not " + Nodes.describe(e.getValue()));
            }
            Long soft = Values.integer(limit, "soft", at);
            Long hard = Values.integer(limit, "hard", at);
            if (soft == null || hard == null) {
                throw Problems.invalid(limit, at, "needs both soft and hard (or one number for both)");
            }
            if (soft > hard && hard >= 0) {
                throw Problems.invalid(limit, at, "soft limit " + soft + " is above the hard limit " + hard);
            }
            out.put(e.getKey(), new Ulimit(soft, hard));
        }
        return out;
    }

    static List<DeviceMapping> devices(MappingNode s, TreePath path) {
        List<DeviceMapping> out = new ArrayList<>();
        List<Node> items = Nodes.items(Nodes.get(s, "devices"));
        for (int i = 0; i < items.size(); i++) {
            MappingNode d = (MappingNode) items.get(i);
            String source = Values.string(d, "source");
            if (source == null || source.isEmpty()) {
                throw Problems.invalid(d, path.key("devices").index(i), "a device needs a source");
            }
            out.add(new DeviceMapping(source, Values.string(d, "target"), Values.string(d, "permissions")));
        }
        return out;
    }

    static LoggingConfig logging(MappingNode s, TreePath path) {
        MappingNode logging = Nodes.getMapping(s, "logging");
        if (logging == null) {
            return null;
        }
        return new LoggingConfig(Values.string(logging, "driver"),
                Values.map(logging, "options", path.key("logging"), ""));
    }

    static List<FileReference> references(MappingNode s, String key, TreePath path) {
        List<FileReference> out = new ArrayList<>();
        List<Node> items = Nodes.items(Nodes.get(s, key));
        for (int i = 0; i < items.size(); i++) {
            MappingNode r = (MappingNode) items.get(i);
            TreePath at = path.key(key).index(i);
            String mode = Values.string(r, "mode");
            Integer parsedMode = null;
            if (mode != null) {
                try {
                    parsedMode = mode.startsWith("0o") ? Integer.parseInt(mode.substring(2), 8)
                            : mode.length() > 1 && mode.startsWith("0") ? Integer.parseInt(mode.substring(1), 8)
                            : Integer.parseInt(mode);
                } catch (NumberFormatException e) {
                    throw Values.error(r, "mode", at, "must be a file mode such as 0440, not " + Problems.quote(mode));
                }
            }
            out.add(new FileReference(Values.string(r, "source"), Values.string(r, "target"),
                    Values.string(r, "uid"), Values.string(r, "gid"), parsedMode));
        }
        return out;
    }

    static String cgroup(MappingNode s, TreePath path) {
        return Values.oneOf(s, "cgroup", path, java.util.Set.of("host", "private"), "host or private");
    }

    /** CPU times: microseconds, or a Go duration such as {@code 400ms}. */
    static Long microseconds(MappingNode s, String key, TreePath path) {
        String text = Values.string(s, key);
        if (text == null) {
            return null;
        }
        if (text.trim().matches("-?\\d+")) {
            return Values.integer(s, key, path);
        }
        Duration d = Values.duration(s, key, path);
        return d.toNanos() / 1000;
    }

    /** A size, or -1 for unlimited ({@code memswap_limit: -1}). */
    static Long bytesOrUnlimited(MappingNode s, String key, TreePath path) {
        String text = Values.string(s, key);
        return "-1".equals(text == null ? null : text.trim()) ? Long.valueOf(-1) : Values.bytes(s, key, path);
    }

    /** The {@link #OTHER} attributes that are set, as plain values. */
    static Map<String, Object> other(MappingNode s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : OTHER) {
            Node node = Nodes.get(s, key);
            if (node != null && !Nodes.isNull(node)) {
                out.put(key, plain(node));
            }
        }
        return out;
    }

    /** A node as plain Java values; scalars keep their YAML 1.2 type (number, boolean, string). */
    static Object plain(Node node) {
        if (Nodes.isNull(node)) {
            return null;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> out = new LinkedHashMap<>();
            mapping.getValue().forEach(t -> out.put(Nodes.isScalar(t.getKeyNode()) ? Nodes.text(t.getKeyNode()) : "?",
                    plain(t.getValueNode())));
            return out;
        }
        if (Nodes.isSequence(node)) {
            List<Object> out = new ArrayList<>();
            Nodes.items(node).forEach(item -> out.add(plain(item)));
            return out;
        }
        String text = Nodes.text(node);
        Tag tag = node.getTag();
        try {
            if (tag.equals(Tag.INT) && text.matches("[-+]?\\d{1,18}")) {
                return Long.parseLong(text);
            }
            if (tag.equals(Tag.FLOAT) && !text.contains("inf") && !text.contains("nan") && !text.contains("Inf")
                    && !text.contains("NaN") && !text.contains("INF") && !text.contains("NAN")) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
        }
        return text;
    }
}
