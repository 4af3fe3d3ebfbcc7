package dev.jcompose.cli.compose;

import dev.jcompose.compose.model.Project;

/** Lets tests of other packages give built services their {@code project-service} image names. */
public final class ProjectLoadingAccess {
  private ProjectLoadingAccess() {}

  public static Project withBuiltImageNames(Project p) {
    return ProjectLoading.withBuiltImageNames(p);
  }
}
