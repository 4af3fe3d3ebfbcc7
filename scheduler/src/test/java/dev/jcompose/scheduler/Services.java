package dev.jcompose.scheduler;

import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small service lists for tests: {@code Services.of("web->db,cache", "db", "cache")}. */
final class Services {

    private Services() {
    }

    /**
     * Each spec is {@code name} or {@code name->dep1,dep2} (depends_on, started, required); a
     * dependency written {@code dep!} has {@code restart: true}.
     */
    static List<ServiceConfig> of(String... specs) {
        List<ServiceConfig> out = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split("->", 2);
            Map<String, DependsOn> dependsOn = new LinkedHashMap<>();
            if (parts.length == 2) {
                for (String dep : parts[1].split(",")) {
                    if (dep.endsWith("!")) {
                        dependsOn.put(dep.substring(0, dep.length() - 1),
                                new DependsOn(DependsOn.started().condition(), true, true));
                    } else {
                        dependsOn.put(dep, DependsOn.started());
                    }
                }
            }
            out.add(ServiceConfig.builder(parts[0]).image("x").dependsOn(dependsOn).build());
        }
        return out;
    }

    static ServiceGraph graph(String... specs) {
        return ServiceGraph.of(of(specs));
    }
}
