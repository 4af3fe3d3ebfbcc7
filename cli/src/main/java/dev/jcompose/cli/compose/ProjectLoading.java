package dev.jcompose.cli.compose;

import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import java.nio.file.Path;
import java.util.Collection;

/** Loads the Compose project the global options point at, and prints the loader's warnings. */
public final class ProjectLoading {
  private ProjectLoading() {}

  public static Project load(GlobalOptions g, Collection<String> targetServices) {
    ProjectOptions options = ProjectOptions.of(Path.of(System.getProperty("user.dir")))
        .withFiles(g.files)
        .withProjectDirectory(g.projectDirectory)
        .withEnvironment(System.getenv())
        .withProjectName(g.projectName)
        .withEnvFiles(g.envFiles);
    Project project = ProjectLoader.load(options);
    project.warnings().forEach(w -> System.err.println("WARN[0000] " + w));
    java.util.List<String> profiles = new java.util.ArrayList<>(g.profiles);
    String env = System.getenv("COMPOSE_PROFILES");
    if (profiles.isEmpty() && env != null && !env.isBlank()) {
      profiles.addAll(java.util.Arrays.asList(env.split(",")));
    }
    Project selected = project.withProfiles(profiles, targetServices);
    for (String s : targetServices) {
      if (selected.service(s).isEmpty()) {
        throw new dev.jcompose.cli.UserFacingException("no such service: " + s + " (the project has "
            + String.join(", ", selected.serviceNames()) + ")");
      }
    }
    return withBuiltImageNames(selected);
  }

  /** Services that are built and name no image get Compose's {@code project-service}, the name their build is tagged with. */
  static Project withBuiltImageNames(Project p) {
    if (p.services().stream().noneMatch(s -> s.image() == null && s.build() != null)) {
      return p;
    }
    return p.withServices(p.services().stream()
        .map(s -> s.image() == null && s.build() != null ? s.toBuilder().image(ImageBuilder.imageName(p.name(), s.name())).build() : s)
        .toList());
  }
}
