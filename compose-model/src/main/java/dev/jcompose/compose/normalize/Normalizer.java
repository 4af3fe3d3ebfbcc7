package dev.jcompose.compose.normalize;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Phase 6, normalize (on the merged tree), as compose-go's {@code normalize.go} and
 * {@code paths} packages:
 * <ul>
 *   <li>relative paths (bind sources, build contexts, env files) resolve against the project
 *       directory, {@code ~} against the home directory;</li>
 *   <li>{@code env_file}s are read into {@code environment}, and bare variables resolved;</li>
 *   <li>a service without {@code networks} or {@code network_mode} joins {@code default}, which
 *       then exists at the top level;</li>
 *   <li>links, volumes_from and {@code network_mode: service:x} add implicit depends_on;</li>
 *   <li>networks and volumes get their engine name: {@code name:}, else the key when external,
 *       else {@code <project>_<key>}.</li>
 * </ul>
 */
public final class Normalizer {

    private final String projectName;
    private final RelativePaths relativePaths;
    private final EnvFiles envFiles;

    public Normalizer(String projectName, Path projectDir, Map<String, String> environment) {
        this.projectName = projectName;
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        Paths paths = new Paths(projectDir, Path.of(home));
        this.relativePaths = new RelativePaths(projectDir, Path.of(home));
        this.envFiles = new EnvFiles(paths, environment);
    }

    public void normalize(MappingNode root) {
        relativePaths.resolveProject(root);
        MappingNode services = Nodes.getMapping(root, "services");
        boolean usesDefault = false;
        if (services != null) {
            TreePath base = TreePath.root().key("services");
            for (Map.Entry<String, Node> e : Nodes.entries(services, base).entrySet()) {
                MappingNode service = (MappingNode) e.getValue();
                TreePath path = base.key(e.getKey());
                envFiles.apply(service, path);
                envFiles.applyLabelFiles(service, path);
                usesDefault |= joinDefaultNetwork(service);
                ImplicitDependencies.add(service);
            }
        }
        MappingNode networks = Nodes.getMapping(root, "networks");
        if (usesDefault && (networks == null || Nodes.get(networks, "default") == null)) {
            if (networks == null) {
                networks = Nodes.mapping(root);
                Nodes.put(root, "networks", networks);
            }
            Nodes.put(networks, "default", Nodes.mapping(root));
        }
        nameResources(networks, "networks");
        nameResources(Nodes.getMapping(root, "volumes"), "volumes");
        nameResources(Nodes.getMapping(root, "secrets"), "secrets");
        nameResources(Nodes.getMapping(root, "configs"), "configs");
    }

    private static boolean joinDefaultNetwork(MappingNode service) {
        if (Nodes.get(service, "network_mode") != null && !Nodes.isNull(Nodes.get(service, "network_mode"))) {
            return false;
        }
        Node networks = Nodes.get(service, "networks");
        if (networks == null || Nodes.isNull(networks)) {
            MappingNode joined = Nodes.mapping(service);
            Nodes.put(joined, "default", Nodes.nullAt(service));
            Nodes.put(service, "networks", joined);
            return true;
        }
        return networks instanceof MappingNode mapping && Nodes.get(mapping, "default") != null;
    }

    private void nameResources(MappingNode resources, String kind) {
        if (resources == null) {
            return;
        }
        TreePath base = TreePath.root().key(kind);
        for (Map.Entry<String, Node> e : Nodes.entries(resources, base).entrySet()) {
            MappingNode resource = (MappingNode) e.getValue();
            Node external = Nodes.get(resource, "external");
            if (external instanceof MappingNode legacy) {
                Node legacyName = Nodes.get(legacy, "name");
                if (Nodes.isScalar(legacyName) && Nodes.get(resource, "name") == null) {
                    Nodes.put(resource, "name", legacyName);
                }
                Nodes.put(resource, "external", Nodes.scalar("true", external));
            }
            if (Nodes.isScalar(Nodes.get(resource, "name"))) {
                continue;
            }
            boolean isExternal = Nodes.isScalar(Nodes.get(resource, "external"))
                    && Nodes.text(Nodes.get(resource, "external")).equalsIgnoreCase("true");
            String name = isExternal ? e.getKey() : projectName + "_" + e.getKey();
            Nodes.put(resource, "name", Nodes.scalar(name, resource));
        }
    }
}
