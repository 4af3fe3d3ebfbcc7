package dev.jcompose.cli.compose;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Pulls the services' images through the engine, as Compose does before {@code up} and for
 * {@code pull}: each distinct image once, in parallel, honouring each service's {@code pull_policy}.
 */
public final class ImagePuller {
  /** What to do with one service's image. */
  public enum Decision { PULL, SKIP, MISSING_NEVER_PULLED }

  private final EngineClient engine;
  private final Progress progress;

  public ImagePuller(EngineClient engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  /**
   * For {@code up}: pulls the images that the policy says to pull (always; missing ones by
   * default), and fails, naming the service, when an image is missing and the policy is
   * {@code never}. Services that are built ({@code build:}) are left to the build.
   */
  public void pullForUp(dev.jcompose.compose.model.Project project, List<String> requested, boolean noDeps) {
    java.util.Set<String> selected = dev.jcompose.scheduler.ServiceGraph.of(project).selectForUp(requested, noDeps);
    pullForUp(project.services().stream().filter(s -> selected.contains(s.name())).toList());
  }

  /** {@link #pullForUp(dev.jcompose.compose.model.Project, List, boolean)} for services already selected. */
  public void pullForUp(List<ServiceConfig> services) {
    Map<String, ServiceConfig> toPull = new LinkedHashMap<>();
    for (ServiceConfig s : services) {
      if (s.image() == null) {
        continue;
      }
      switch (decide(s.pullPolicy(), s.build() != null, () -> present(s.image()))) {
        case PULL -> toPull.putIfAbsent(s.image(), s);
        case MISSING_NEVER_PULLED -> throw new UserFacingException("service \"" + s.name() + "\": image " + s.image()
            + " is not in the engine's store and its pull_policy is never; pull it (`jcompose image pull " + s.image()
            + "`), import it, or change pull_policy");
        case SKIP -> { }
      }
    }
    pullAll(toPull, false);
  }

  /** For {@code jcompose pull}: pulls every service's image unless its policy is never or build. */
  public void pullForPullCommand(List<ServiceConfig> services, boolean ignoreFailures) {
    Map<String, ServiceConfig> toPull = new LinkedHashMap<>();
    for (ServiceConfig s : services) {
      String policy = s.pullPolicy() == null ? "missing" : s.pullPolicy();
      if (s.image() == null || policy.equals("never") || policy.equals("build")) {
        progress.done("Image", s.image() == null ? s.name() : s.image(), "Skipped - " + (s.image() == null
            ? "No image to be pulled" : "pull_policy is " + policy));
        continue;
      }
      toPull.putIfAbsent(s.image(), s);
    }
    pullAll(toPull, ignoreFailures);
  }

  /**
   * The rule per service. {@code missing} (the default, also {@code if_not_present} and the
   * periodic {@code daily}, {@code weekly}, {@code every_…}, which jcompose treats as missing)
   * pulls an absent image unless the service is built.
   */
  public static Decision decide(String pullPolicy, boolean hasBuild, java.util.function.BooleanSupplier present) {
    String policy = pullPolicy == null ? "missing" : pullPolicy;
    return switch (policy) {
      case "always", "refresh" -> Decision.PULL;
      case "never" -> present.getAsBoolean() ? Decision.SKIP : Decision.MISSING_NEVER_PULLED;
      case "build" -> Decision.SKIP;
      default -> hasBuild || present.getAsBoolean() ? Decision.SKIP : Decision.PULL;
    };
  }

  /**
   * True when the engine's store has {@code image}. Looked up in the image list rather than by
   * {@code GET /images/{name}/json}, whose one-segment route cannot take names with a '/'.
   */
  private boolean present(String image) {
    return local(engine, image).isPresent();
  }

  /** The engine's image that {@code image} names now, if it has one (compared in Docker's short form). */
  static java.util.Optional<dev.jcompose.api.model.ImageSummary> local(EngineClient engine, String image) {
    String wanted = familiar(image);
    return engine.listImages().stream()
        .filter(i -> i.repoTags() != null && i.repoTags().stream().anyMatch(t -> familiar(t).equals(wanted)))
        .findFirst();
  }

  /** Docker's short form of a reference: {@code docker.io/library/busybox} is {@code busybox:latest}. */
  static String familiar(String image) {
    String name = image;
    String digest = "";
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at);
      name = name.substring(0, at);
    }
    boolean tagged = name.lastIndexOf(':') > name.lastIndexOf('/');
    if (!tagged && digest.isEmpty()) {
      name += ":latest";
    }
    for (String prefix : List.of("docker.io/", "index.docker.io/")) {
      if (name.startsWith(prefix)) {
        name = name.substring(prefix.length());
      }
    }
    if (name.startsWith("library/") && name.indexOf('/', "library/".length()) < 0) {
      name = name.substring("library/".length());
    }
    return name + digest;
  }

  private void pullAll(Map<String, ServiceConfig> toPull, boolean ignoreFailures) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (ServiceConfig s : toPull.values()) {
      all.add(CompletableFuture.runAsync(() -> {
        progress.working("Image", s.image(), "Pulling");
        try {
          engine.pullImage(s.image(), s.platform(), p -> { });
          progress.done("Image", s.image(), "Pulled");
        } catch (RuntimeException e) {
          progress.failed("Image", s.image(), e.getMessage());
          failures.add("service \"" + s.name() + "\": pulling " + s.image() + " failed: " + e.getMessage());
        }
      }));
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw ServiceTasks.rootCause(e);
    }
    if (!failures.isEmpty() && !ignoreFailures) {
      throw new UserFacingException(String.join("\n", failures));
    }
  }
}
