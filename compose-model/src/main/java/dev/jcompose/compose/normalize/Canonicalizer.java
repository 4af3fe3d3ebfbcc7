package dev.jcompose.compose.normalize;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Phase 4, canonicalize (per file, after the schema check): rewrites every short syntax into
 * the long one, so files merge key by key and {@code bind} reads one form. New nodes keep the
 * marks of the text they came from.
 *
 * <ul>
 *   <li>{@code environment}, {@code labels}, {@code build.args}, {@code sysctls} lists become mappings;</li>
 *   <li>{@code command}/{@code entrypoint} strings are split into words, {@code healthcheck.test}
 *       strings become {@code [CMD-SHELL, ...]};</li>
 *   <li>{@code ports} and {@code volumes} strings become mappings (a port range may become several);</li>
 *   <li>{@code depends_on} and {@code networks} lists become mappings, {@code build} and
 *       {@code env_file} strings become mappings, {@code dns}/{@code tmpfs} strings become lists,
 *       {@code extra_hosts} becomes a list of {@code host:ip}.</li>
 * </ul>
 */
public final class Canonicalizer {

    public void canonicalize(MappingNode root) {
        TreePath services = TreePath.root().key("services");
        for (Map.Entry<String, Node> e : emptyForNull(root, "services", services).entrySet()) {
            service((MappingNode) e.getValue(), services.key(e.getKey()));
        }
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            TreePath path = TreePath.root().key(kind);
            for (Map.Entry<String, Node> e : emptyForNull(root, kind, path).entrySet()) {
                KeyValues.toMapping((MappingNode) e.getValue(), "labels", path.key(e.getKey()), false);
            }
        }
    }

    private void service(MappingNode service, TreePath path) {
        build(service, path);
        KeyValues.toMapping(service, "environment", path, true);
        KeyValues.toMapping(service, "labels", path, false);
        KeyValues.toMapping(service, "sysctls", path, false);
        command(service, "command", path);
        command(service, "entrypoint", path);
        healthcheck(service, path);
        namesToMapping(service, "depends_on", path);
        namesToMapping(service, "networks", path);
        ports(service, path.key("ports"));
        volumes(service, path.key("volumes"));
        envFile(service, path.key("env_file"));
        for (String key : List.of("dns", "dns_search", "tmpfs")) {
            Node value = Nodes.get(service, key);
            if (Nodes.isScalar(value)) {
                Nodes.put(service, key, Nodes.sequence(List.of(value), value));
            }
        }
        ExtraHosts.toList(service, path);
        KeyValues.toMapping(service, "annotations", path, false);
        MappingNode deploy = Nodes.getMapping(service, "deploy");
        if (deploy != null) {
            KeyValues.toMapping(deploy, "labels", path.key("deploy"), false);
        }
        ulimits(Nodes.getMapping(service, "ulimits"));
        MappingNode build = Nodes.getMapping(service, "build");
        if (build != null) {
            KeyValues.toMapping(build, "labels", path.key("build"), false);
            ulimits(Nodes.getMapping(build, "ulimits"));
        }
        devices(service, path.key("devices"));
        for (String key : List.of("secrets", "configs")) {
            List<Node> items = Nodes.items(Nodes.get(service, key));
            for (int i = 0; i < items.size(); i++) {
                if (Nodes.isScalar(items.get(i))) {
                    MappingNode reference = Nodes.mapping(items.get(i));
                    Nodes.put(reference, "source", items.get(i));
                    items.set(i, reference);
                }
            }
        }
        Node labelFile = Nodes.get(service, "label_file");
        if (Nodes.isScalar(labelFile)) {
            Nodes.put(service, "label_file", Nodes.sequence(List.of(labelFile), labelFile));
        }
    }

    /** {@code nofile: 1024} to {@code nofile: {soft: 1024, hard: 1024}}. */
    private static void ulimits(MappingNode ulimits) {
        if (ulimits == null) {
            return;
        }
        for (NodeTuple tuple : new ArrayList<>(ulimits.getValue())) {
            Node value = tuple.getValueNode();
            if (Nodes.isScalar(value)) {
                MappingNode limit = Nodes.mapping(value);
                Nodes.put(limit, "soft", value);
                Nodes.put(limit, "hard", Nodes.scalar(Nodes.text(value), value));
                Nodes.put(ulimits, Nodes.text(tuple.getKeyNode()), limit);
            }
        }
    }

    /** {@code SOURCE[:TARGET][:PERMISSIONS]} to {@code {source, target, permissions}}. */
    private static void devices(MappingNode service, TreePath path) {
        List<Node> items = Nodes.items(Nodes.get(service, "devices"));
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (!Nodes.isScalar(item)) {
                continue;
            }
            String[] parts = Nodes.text(item).split(":", -1);
            String source = parts[0];
            String target = null;
            String permissions = null;
            if (parts.length == 2) {
                if (parts[1].matches("[rwm]+")) {
                    permissions = parts[1];
                } else {
                    target = parts[1];
                }
            } else if (parts.length == 3) {
                target = parts[1];
                permissions = parts[2];
            }
            if (source.isEmpty() || parts.length > 3 || (permissions != null && !permissions.matches("[rwm]+"))
                    || (target != null && target.isEmpty())) {
                throw Problems.invalid(item, path.index(i), Problems.quote(Nodes.text(item)) + " is not a valid"
                        + " device (expected SOURCE[:TARGET[:PERMISSIONS]], permissions made of r, w and m)");
            }
            MappingNode device = Nodes.mapping(item);
            put(device, "source", source, item);
            put(device, "target", target, item);
            put(device, "permissions", permissions, item);
            items.set(i, device);
        }
    }

    /** Replaces a null entry of a mapping of definitions ({@code services: {web: }}) with {}. */
    private static Map<String, Node> emptyForNull(MappingNode root, String key, TreePath path) {
        Node node = Nodes.get(root, key);
        if (!(node instanceof MappingNode mapping)) {
            return Map.of();
        }
        Map<String, Node> entries = Nodes.entries(mapping, path);
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            if (Nodes.isNull(e.getValue())) {
                MappingNode empty = Nodes.mapping(e.getValue());
                Nodes.put(mapping, e.getKey(), empty);
                e.setValue(empty);
            }
        }
        return entries;
    }

    private static void build(MappingNode service, TreePath path) {
        Node build = Nodes.get(service, "build");
        if (Nodes.isScalar(build)) {
            MappingNode longForm = Nodes.mapping(build);
            Nodes.put(longForm, "context", build);
            Nodes.put(service, "build", longForm);
        } else if (build instanceof MappingNode mapping) {
            KeyValues.toMapping(mapping, "args", path.key("build"), true);
        }
    }

    private static void command(MappingNode parent, String key, TreePath path) {
        Node value = Nodes.get(parent, key);
        if (!Nodes.isScalar(value)) {
            return;
        }
        List<Node> words = new ArrayList<>();
        try {
            for (String word : ShellWords.split(Nodes.text(value))) {
                words.add(Nodes.scalar(word, value));
            }
        } catch (IllegalArgumentException e) {
            throw Problems.invalid(value, path.key(key), "cannot split " + Problems.quote(Nodes.text(value))
                    + " into words: " + e.getMessage());
        }
        Nodes.put(parent, key, Nodes.sequence(words, value));
    }

    private static void healthcheck(MappingNode service, TreePath path) {
        MappingNode healthcheck = Nodes.getMapping(service, "healthcheck");
        Node test = healthcheck == null ? null : Nodes.get(healthcheck, "test");
        if (Nodes.isScalar(test)) {
            Nodes.put(healthcheck, "test", Nodes.sequence(List.of(Nodes.scalar("CMD-SHELL", test), test), test));
        }
    }

    /** {@code [a, b]} to {@code {a: null, b: null}} for depends_on and networks. */
    private static void namesToMapping(MappingNode service, String key, TreePath path) {
        Node value = Nodes.get(service, key);
        if (!(value instanceof SequenceNode list)) {
            return;
        }
        MappingNode mapping = Nodes.mapping(value);
        for (Node item : list.getValue()) {
            if (Nodes.get(mapping, Nodes.text(item)) != null) {
                continue;
            }
            mapping.getValue().add(new NodeTuple(item, Nodes.nullAt(item)));
        }
        Nodes.put(service, key, mapping);
    }

    private static void ports(MappingNode service, TreePath path) {
        Node ports = Nodes.get(service, "ports");
        if (!(ports instanceof SequenceNode list)) {
            return;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            if (!Nodes.isScalar(item)) {
                out.add(item);
                continue;
            }
            try {
                for (PortSyntax.Spec spec : PortSyntax.parse(Nodes.text(item))) {
                    MappingNode port = Nodes.mapping(item);
                    put(port, "host_ip", spec.hostIp(), item);
                    put(port, "published", spec.published(), item);
                    put(port, "target", spec.target(), item);
                    put(port, "protocol", spec.protocol(), item);
                    out.add(port);
                }
            } catch (PortSyntax.BadPort e) {
                throw Problems.invalid(item, path.index(i), Problems.quote(Nodes.text(item))
                        + " is not a valid port mapping" + (e.getMessage() == null
                        ? " (expected [HOST:]CONTAINER[/PROTOCOL])" : ": " + e.getMessage()));
            }
        }
        Nodes.put(service, "ports", Nodes.sequence(out, ports));
    }

    private static void volumes(MappingNode service, TreePath path) {
        Node volumes = Nodes.get(service, "volumes");
        List<Node> items = Nodes.items(volumes);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (!Nodes.isScalar(item)) {
                continue;
            }
            VolumeSyntax.Spec spec;
            try {
                spec = VolumeSyntax.parse(Nodes.text(item));
            } catch (IllegalArgumentException e) {
                throw Problems.invalid(item, path.index(i), Problems.quote(Nodes.text(item))
                        + " is not a valid volume (expected [SOURCE:]TARGET[:MODE]): " + e.getMessage());
            }
            MappingNode volume = Nodes.mapping(item);
            put(volume, "type", spec.type(), item);
            put(volume, "source", spec.source(), item);
            put(volume, "target", spec.target(), item);
            if (spec.readOnly()) {
                put(volume, "read_only", "true", item);
            }
            if (spec.type().equals("bind")) {
                MappingNode bind = Nodes.mapping(item);
                put(bind, "create_host_path", "true", item);
                put(bind, "propagation", spec.propagation(), item);
                put(bind, "selinux", spec.selinux(), item);
                Nodes.put(volume, "bind", bind);
            } else if (spec.nocopy()) {
                MappingNode options = Nodes.mapping(item);
                put(options, "nocopy", "true", item);
                Nodes.put(volume, "volume", options);
            }
            items.set(i, volume);
        }
    }

    private static void envFile(MappingNode service, TreePath path) {
        Node envFile = Nodes.get(service, "env_file");
        if (Nodes.isNull(envFile)) {
            return;
        }
        List<Node> items = Nodes.isScalar(envFile) ? List.of(envFile) : Nodes.items(envFile);
        List<Node> out = new ArrayList<>();
        for (Node item : items) {
            if (Nodes.isScalar(item)) {
                MappingNode entry = Nodes.mapping(item);
                Nodes.put(entry, "path", item);
                out.add(entry);
            } else {
                out.add(item);
            }
        }
        Nodes.put(service, "env_file", Nodes.sequence(out, envFile));
    }

    private static void put(MappingNode mapping, String key, String value, Node at) {
        if (value != null) {
            Nodes.put(mapping, key, Nodes.scalar(value, at));
        }
    }
}
