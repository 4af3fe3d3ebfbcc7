package dev.jcompose.build;

import dev.jcompose.build.dockerfile.Dockerfile;
import dev.jcompose.build.dockerfile.DockerfileException;
import dev.jcompose.build.dockerfile.DockerfileParser;
import dev.jcompose.build.dockerfile.Instruction;
import dev.jcompose.build.dockerfile.Stage;
import dev.jcompose.build.dockerfile.WordExpander;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.linux.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds images from Dockerfiles: the classic builder's behaviour and output ({@code Step 2/5 :
 * RUN ...}), BuildKit's stage selection (only the target stage and the stages it needs are
 * built). Every step's result is an image in the store and an entry in the {@link BuildCache};
 * RUN steps run through {@link StepRunner}, their upper directory becoming the step's layer.
 *
 * <pre>
 * Builder b = new Builder(store, cache, baseImages, new RuntimeStepRunner(runtime, network), committer, workRoot);
 * BuildResult r = b.build(BuildRequest.of(contextDir).withTags(List.of("app:latest")), progress);
 * </pre>
 */
public final class Builder {
  private final ImageStore store;
  private final BuildCache cache;
  private final BaseImages baseImages;
  private final StepRunner runner;
  private final LayerCommitter committer;
  private final Path workRoot;

  /**
   * @param workRoot where builds keep their temporary files (step containers, diff dirs); it must
   *     be on the same file system as the image store's layers, so that a diff moves into place
   */
  public Builder(ImageStore store, BuildCache cache, BaseImages baseImages, StepRunner runner, LayerCommitter committer, Path workRoot) {
    this.store = store;
    this.cache = cache;
    this.baseImages = baseImages;
    this.runner = runner;
    this.committer = committer;
    this.workRoot = workRoot;
  }

  /**
   * Runs the build and tags the result.
   *
   * @throws BuildException      a step failed (the message names it) or the request is wrong
   * @throws DockerfileException the Dockerfile does not parse
   */
  public BuildResult build(BuildRequest request, BuildProgress progress) {
    Dockerfile dockerfile = parse(request);
    Map<String, String> globals = globalArgs(dockerfile, request, progress);
    Stage target = request.target() == null ? dockerfile.stages().get(dockerfile.stages().size() - 1)
        : dockerfile.stage(request.target()).orElseThrow(() -> new BuildException("target stage \"" + request.target()
            + "\" could not be found; the Dockerfile's stages are " + stageNames(dockerfile)));
    List<Stage> needed = neededStages(dockerfile, target, globals);
    int total = needed.stream().mapToInt(s -> 1 + s.instructions().size()).sum();
    Path work;
    try {
      Files.createDirectories(workRoot);
      work = Files.createTempDirectory(workRoot, "build-");
    } catch (IOException e) {
      throw new BuildException("could not create a work directory under " + workRoot + ": " + e.getMessage(), e);
    }
    Set<String> consumed = new TreeSet<>();
    try {
      BuildSession session = new BuildSession(store, cache, baseImages, runner, committer, request, dockerfile, progress, work,
          globals, consumed, total);
      StageResult last = null;
      for (Stage stage : needed) {
        last = session.buildStage(stage);
      }
      String id = session.finish(last);
      warnUnconsumed(request, consumed, globals, progress);
      List<String> tagged = new ArrayList<>();
      for (String t : request.tags()) {
        ImageReference ref = parseTag(t);
        store.tag(id, ref);
        tagged.add(ref.familiar());
      }
      progress.info("Successfully built " + id.substring(7, 19));
      tagged.forEach(t -> progress.info("Successfully tagged " + t));
      return new BuildResult(id, tagged, session.steps(), session.cachedSteps());
    } catch (IOException e) {
      throw new BuildException("tagging the image failed: " + e.getMessage(), e);
    } finally {
      try {
        FileTrees.deleteTree(work);
      } catch (IOException e) {
        progress.warning("could not remove the build's work directory " + work + ": " + e.getMessage());
      }
    }
  }

  private static Dockerfile parse(BuildRequest request) {
    Path file = request.contextDir().resolve(request.dockerfile()).normalize();
    if (Path.of(request.dockerfile()).isAbsolute()) {
      file = Path.of(request.dockerfile()); // the engine's own copy of a Dockerfile the client sent beside the context
    } else if (!file.startsWith(request.contextDir().normalize())) {
      throw new BuildException("the Dockerfile " + request.dockerfile() + " is outside the build context");
    }
    if (!Files.isRegularFile(file)) {
      throw new BuildException("the Dockerfile " + request.dockerfile() + " is not in the build context "
          + "(check build.dockerfile, or that .dockerignore does not exclude it)");
    }
    try {
      return DockerfileParser.parse(Files.readString(file), file.getFileName().toString());
    } catch (IOException e) {
      throw new BuildException("could not read the Dockerfile " + request.dockerfile() + ": " + e.getMessage(), e);
    }
  }

  private static ImageReference parseTag(String t) {
    try {
      ImageReference ref = ImageReference.parse(t);
      if (ref.digest() != null) {
        throw new IllegalArgumentException("a tag cannot hold a digest");
      }
      return ref;
    } catch (IllegalArgumentException e) {
      throw new BuildException("invalid tag \"" + t + "\": " + e.getMessage() + " (a tag is NAME[:TAG], e.g. myapp:1.0)");
    }
  }

  /** The ARGs before the first FROM, with their build-arg values, for FROM lines and for stages that redeclare them. */
  private static Map<String, String> globalArgs(Dockerfile dockerfile, BuildRequest request, BuildProgress progress) {
    Map<String, String> globals = new LinkedHashMap<>(ArgScope.AUTOMATIC);
    for (Instruction.Arg arg : dockerfile.globalArgs()) {
      for (var d : arg.definitions()) {
        String value = request.buildArgs().containsKey(d.name()) ? request.buildArgs().get(d.name())
            : d.defaultValue() == null ? null : WordExpander.expand(d.defaultValue(), globals::get, dockerfile.escape());
        globals.put(d.name(), value);
      }
    }
    return globals;
  }

  private static void warnUnconsumed(BuildRequest request, Set<String> consumed, Map<String, String> globals, BuildProgress progress) {
    Set<String> unused = new TreeSet<>(request.buildArgs().keySet());
    unused.removeAll(consumed);
    unused.removeAll(globals.keySet());
    unused.removeAll(ArgScope.PROXY);
    if (!unused.isEmpty()) {
      progress.warning("One or more build-args " + unused + " were not consumed");
    }
  }

  /** The target and, before it, every stage it uses through FROM, COPY --from or RUN --mount from=, in Dockerfile order. */
  static List<Stage> neededStages(Dockerfile dockerfile, Stage target, Map<String, String> globals) {
    Set<Integer> needed = new LinkedHashSet<>();
    List<Stage> todo = new ArrayList<>(List.of(target));
    while (!todo.isEmpty()) {
      Stage s = todo.remove(todo.size() - 1);
      if (!needed.add(s.index())) {
        continue;
      }
      for (String ref : stageReferences(s, dockerfile, globals)) {
        dockerfile.stage(ref).filter(other -> other.index() < s.index()).ifPresent(todo::add);
      }
    }
    return dockerfile.stages().stream().filter(s -> needed.contains(s.index())).toList();
  }

  private static List<String> stageReferences(Stage s, Dockerfile dockerfile, Map<String, String> globals) {
    List<String> refs = new ArrayList<>();
    refs.add(WordExpander.expand(s.from().image(), globals::get, dockerfile.escape()));
    for (Instruction i : s.instructions()) {
      if (i instanceof Instruction.Copy c && c.from() != null) {
        refs.add(c.from());
      } else if (i instanceof Instruction.Run r) {
        r.mounts().forEach(m -> {
          if (m.options().containsKey("from")) {
            refs.add(m.options().get("from"));
          }
        });
      }
    }
    return refs;
  }

  private static String stageNames(Dockerfile dockerfile) {
    List<String> names = new ArrayList<>();
    for (Stage s : dockerfile.stages()) {
      names.add(s.name() != null ? s.name() : String.valueOf(s.index()));
    }
    return String.join(", ", names);
  }

  /** What a built stage left: its image (id and config) for later FROM and COPY --from. */
  record StageResult(String imageId, dev.jcompose.image.ImageConfig config) {}

  static Map<Integer, StageResult> newResults() {
    return new HashMap<>();
  }
}
