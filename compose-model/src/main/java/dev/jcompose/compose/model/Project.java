package dev.jcompose.compose.model;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.ComposeFileException.Category;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded Compose project: the result of {@code ProjectLoader.load}.
 *
 * @param name the normalized project name (labels, resource prefixes)
 * @param workingDir the project directory, absolute
 * @param services in file order (the first file's order, then services new in later files)
 * @param networks by top-level key, including the implicit {@code default} when used
 * @param volumes by top-level key
 * @param warnings what the loader accepted but wants the user to know, each
 *     {@code file:line:column: message}
 * @param composeFiles the files loaded, in order (for {@code com.docker.compose.project.config_files})
 * @param secrets top-level secrets by key
 * @param configs top-level configs by key
 * @param models top-level models by key, as plain values (not acted on yet)
 */
public record Project(String name, Path workingDir, List<ServiceConfig> services, Map<String, NetworkConfig> networks,
        Map<String, VolumeConfig> volumes, List<String> warnings, List<Path> composeFiles,
        Map<String, FileObjectConfig> secrets, Map<String, FileObjectConfig> configs, Map<String, Object> models) {

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workingDir, "workingDir");
        services = Copies.list(services);
        networks = Copies.map(networks);
        volumes = Copies.map(volumes);
        warnings = Copies.list(warnings);
        composeFiles = Copies.list(composeFiles);
        secrets = Copies.map(secrets);
        configs = Copies.map(configs);
        models = Copies.deepMap(models);
    }

    public Project(String name, Path workingDir, List<ServiceConfig> services, Map<String, NetworkConfig> networks,
            Map<String, VolumeConfig> volumes, List<String> warnings, List<Path> composeFiles) {
        this(name, workingDir, services, networks, volumes, warnings, composeFiles, Map.of(), Map.of(), Map.of());
    }

    public Project(String name, Path workingDir, List<ServiceConfig> services, Map<String, NetworkConfig> networks,
            Map<String, VolumeConfig> volumes, List<String> warnings) {
        this(name, workingDir, services, networks, volumes, warnings, List.of());
    }

    /**
     * What the project sets that the engine does not act on yet, one entry per attribute, for
     * {@code up} to warn about: {@code services.web.ulimits} (see
     * {@link ServiceConfig#ignoredAttributes()}), and the top-level {@code secrets},
     * {@code configs} and {@code models} when defined.
     */
    public List<String> ignoredAttributes() {
        List<String> out = new ArrayList<>();
        for (ServiceConfig s : services) {
            s.ignoredAttributes().forEach(key -> out.add("services." + s.name() + "." + key));
        }
        if (!secrets.isEmpty()) {
            out.add("secrets");
        }
        if (!configs.isEmpty()) {
            out.add("configs");
        }
        if (!models.isEmpty()) {
            out.add("models");
        }
        return out;
    }

    public Optional<ServiceConfig> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    public List<String> serviceNames() {
        return services.stream().map(ServiceConfig::name).toList();
    }

    /** A copy with these services instead ({@code --scale}, profile filtering, ...). */
    public Project withServices(List<ServiceConfig> newServices) {
        return new Project(name, workingDir, newServices, networks, volumes, warnings, composeFiles, secrets, configs,
                models);
    }

    /**
     * A copy with only the services these profiles enable (plus those named in {@code targets},
     * which enable their own profiles, as Compose does for {@code up <service>}). A dependency on
     * a disabled service is dropped when not required, and an error otherwise.
     *
     * @throws ComposeFileException naming the service, the disabled dependency and its profiles
     */
    public Project withProfiles(Collection<String> activeProfiles, Collection<String> targets) {
        List<String> active = new ArrayList<>(activeProfiles);
        services.stream().filter(s -> targets.contains(s.name())).forEach(s -> active.addAll(s.profiles()));
        List<ServiceConfig> enabled = services.stream().filter(s -> s.isEnabledBy(active)).toList();
        List<String> enabledNames = enabled.stream().map(ServiceConfig::name).toList();
        List<ServiceConfig> kept = new ArrayList<>();
        for (ServiceConfig s : enabled) {
            ServiceConfigBuilder builder = s.toBuilder();
            Map<String, DependsOn> dependsOn = new LinkedHashMap<>(s.dependsOn());
            for (Map.Entry<String, DependsOn> d : s.dependsOn().entrySet()) {
                if (enabledNames.contains(d.getKey())) {
                    continue;
                }
                if (d.getValue().required()) {
                    List<String> needed = service(d.getKey()).map(ServiceConfig::profiles).orElse(List.of());
                    throw ComposeFileException.of(Category.INVALID, "service \"" + s.name() + "\" depends on \"" + d.getKey()
                            + "\", which is disabled; enable one of its profiles " + needed
                            + " (--profile), or set required: false on the dependency");
                }
                dependsOn.remove(d.getKey());
            }
            kept.add(builder.dependsOn(dependsOn).build());
        }
        return withServices(kept);
    }
}
