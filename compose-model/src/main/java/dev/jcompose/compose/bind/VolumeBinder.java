package dev.jcompose.compose.bind;

import dev.jcompose.compose.model.ServiceVolume;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Binds the long-syntax {@code volumes} entries of a service (mounts). */
final class VolumeBinder {

    private static final Set<String> LATER = Set.of("npipe", "cluster", "image");

    private VolumeBinder() {
    }

    static List<ServiceVolume> bind(List<Node> items, TreePath path) {
        List<ServiceVolume> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(volume((MappingNode) items.get(i), path.index(i)));
        }
        return out;
    }

    private static ServiceVolume volume(MappingNode v, TreePath path) {
        String typeText = Values.string(v, "type");
        if (typeText == null) {
            throw Problems.invalid(v, path, "a volume in the long syntax needs a type (volume, bind or tmpfs)");
        }
        if (LATER.contains(typeText)) {
            throw Problems.unsupported(Nodes.get(v, "type"), path.key("type"), "mounts of type " + typeText
                    + " are not supported yet (volume, bind and tmpfs are)");
        }
        String checked = Values.oneOf(v, "type", path, Set.of("volume", "bind", "tmpfs"), "volume, bind or tmpfs");
        ServiceVolume.Type type = ServiceVolume.Type.valueOf(checked.toUpperCase());
        String source = Values.string(v, "source");
        String target = Values.string(v, "target");
        if (target == null || !target.startsWith("/")) {
            throw Values.error(v, "target", path, target == null ? "a volume needs a target (a path in the container)"
                    : Problems.quote(target) + " must be an absolute path in the container");
        }
        if (type == ServiceVolume.Type.BIND && (source == null || source.isEmpty())) {
            throw Problems.invalid(v, path, "a bind mount needs a source (a path on the host)");
        }
        if (type == ServiceVolume.Type.TMPFS && source != null) {
            throw Values.error(v, "source", path, "a tmpfs mount has no source");
        }
        return new ServiceVolume(type, source, target, Values.bool(v, "read_only", path, false),
                bind(Nodes.getMapping(v, "bind"), path.key("bind"), type),
                volumeOptions(Nodes.getMapping(v, "volume"), path.key("volume")),
                tmpfs(Nodes.getMapping(v, "tmpfs"), path.key("tmpfs")));
    }

    /** {@code create_host_path} defaults to true, as in compose-go (FEATURES.md). */
    private static ServiceVolume.Bind bind(MappingNode b, TreePath path, ServiceVolume.Type type) {
        if (b == null) {
            return type == ServiceVolume.Type.BIND ? new ServiceVolume.Bind(null, true, null) : null;
        }
        String propagation = Values.oneOf(b, "propagation", path, Set.of("shared", "rshared", "slave", "rslave",
                "private", "rprivate"), "shared, rshared, slave, rslave, private or rprivate");
        String selinux = Values.oneOf(b, "selinux", path, Set.of("z", "Z"), "z or Z");
        return new ServiceVolume.Bind(propagation, Values.bool(b, "create_host_path", path, true), selinux);
    }

    private static ServiceVolume.Volume volumeOptions(MappingNode o, TreePath path) {
        return o == null ? null : new ServiceVolume.Volume(Values.bool(o, "nocopy", path, false),
                Values.string(o, "subpath"));
    }

    /** The mode is octal, as the specification says, whether written 1777, 01777 or 0o1777. */
    private static ServiceVolume.Tmpfs tmpfs(MappingNode t, TreePath path) {
        if (t == null) {
            return null;
        }
        String mode = Values.string(t, "mode");
        Integer parsedMode = null;
        if (mode != null) {
            try {
                parsedMode = Integer.parseInt(mode.startsWith("0o") ? mode.substring(2) : mode, 8);
            } catch (NumberFormatException e) {
                throw Values.error(t, "mode", path, Problems.quote(mode) + " is not an octal file mode (such as 1777)");
            }
        }
        return new ServiceVolume.Tmpfs(Values.bytes(t, "size", path), parsedMode);
    }
}
