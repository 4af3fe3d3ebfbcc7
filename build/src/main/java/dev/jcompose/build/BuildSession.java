package dev.jcompose.build;

import dev.jcompose.build.Builder.StageResult;
import dev.jcompose.build.dockerfile.ArgDefinition;
import dev.jcompose.build.dockerfile.Command;
import dev.jcompose.build.dockerfile.Dockerfile;
import dev.jcompose.build.dockerfile.DockerfileParser;
import dev.jcompose.build.dockerfile.Heredoc;
import dev.jcompose.build.dockerfile.Instruction;
import dev.jcompose.build.dockerfile.KeyValue;
import dev.jcompose.build.dockerfile.RunMount;
import dev.jcompose.build.dockerfile.Stage;
import dev.jcompose.build.dockerfile.WordExpander;
import dev.jcompose.image.Digest;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.image.ImageStore;
import dev.jcompose.linux.ReadOnlyOverlay;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.runtime.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** One build in progress: the stages built so far and the state of the current one. */
final class BuildSession {
  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private final ImageStore store;
  private final BuildCache cache;
  private final BaseImages baseImages;
  private final StepRunner runner;
  private final LayerCommitter committer;
  private final BuildRequest request;
  private final Dockerfile dockerfile;
  private final BuildProgress progress;
  private final Path work;
  private final Map<String, String> globals;
  private final Set<String> consumed;
  private final int total;
  private final Map<Integer, StageResult> results = new LinkedHashMap<>();
  private int step;
  private int cached;
  private int scratchDirs;

  // the current stage
  private Stage stage;
  private ImageConfig image;
  private String imageId;
  private ArgScope args;

  BuildSession(ImageStore store, BuildCache cache, BaseImages baseImages, StepRunner runner, LayerCommitter committer,
      BuildRequest request, Dockerfile dockerfile, BuildProgress progress, Path work, Map<String, String> globals,
      Set<String> consumed, int total) {
    this.store = store;
    this.cache = cache;
    this.baseImages = baseImages;
    this.runner = runner;
    this.committer = committer;
    this.request = request;
    this.dockerfile = dockerfile;
    this.progress = progress;
    this.work = work;
    this.globals = globals;
    this.consumed = consumed;
    this.total = total;
  }

  int steps() {
    return step;
  }

  int cachedSteps() {
    return cached;
  }

  StageResult buildStage(Stage s) {
    stage = s;
    args = new ArgScope(request.buildArgs(), consumed, globals);
    from(s.from());
    for (Instruction i : s.instructions()) {
      execute(i, true);
    }
    StageResult r = new StageResult(imageId, image);
    results.put(s.index(), r);
    return r;
  }

  /** The final image: the target stage's, with the request's labels. */
  String finish(StageResult last) {
    image = last.config();
    imageId = last.imageId();
    if (!request.labels().isEmpty()) {
      Map<String, String> labels = new LinkedHashMap<>(config().labels() == null ? Map.of() : config().labels());
      labels.putAll(request.labels());
      commitConfig("LABEL", new java.util.TreeMap<>(request.labels()).toString(), ImageConfigs.withLabels(config(), labels),
          "LABEL " + request.labels());
    }
    if (imageId == null) {
      imageId = store.putImage(image); // FROM scratch and nothing else
    }
    return imageId;
  }

  private void execute(Instruction i, boolean counted) {
    if (counted) {
      step++;
      progress.step("Step " + step + "/" + total + " : " + i.text().strip());
    }
    try {
      dispatch(i);
    } catch (BuildException e) {
      throw new BuildException(where(i) + ": " + e.getMessage(), e.getCause());
    } catch (IllegalArgumentException e) {
      throw new BuildException(where(i) + ": " + e.getMessage(), e);
    }
  }

  private void dispatch(Instruction i) {
    if (i instanceof Instruction.Arg a) {
      arg(a);
    } else if (i instanceof Instruction.Env e) {
      env(e);
    } else if (i instanceof Instruction.Label l) {
      label(l);
    } else if (i instanceof Instruction.Workdir w) {
      workdir(w);
    } else if (i instanceof Instruction.User u) {
      commitConfig("USER", expand(u.user()), ImageConfigs.withUser(config(), expand(u.user())), nop(i));
    } else if (i instanceof Instruction.Expose e) {
      expose(e);
    } else if (i instanceof Instruction.Volume v) {
      volume(v);
    } else if (i instanceof Instruction.Cmd c) {
      List<String> cmd = argv(c.command());
      commitConfig("CMD", cmd.toString(), ImageConfigs.withCmd(config(), cmd), nop(i));
    } else if (i instanceof Instruction.Entrypoint e) {
      List<String> entrypoint = argv(e.command());
      // a base image's CMD makes no sense with a new ENTRYPOINT: Docker drops it (a CMD later in this Dockerfile sets it again)
      commitConfig("ENTRYPOINT", entrypoint.toString(), ImageConfigs.withEntrypoint(config(), entrypoint, null), nop(i));
    } else if (i instanceof Instruction.StopSignal s) {
      commitConfig("STOPSIGNAL", expand(s.signal()), ImageConfigs.withStopSignal(config(), expand(s.signal())), nop(i));
    } else if (i instanceof Instruction.Healthcheck h) {
      healthcheck(h);
    } else if (i instanceof Instruction.Shell s) {
      commitConfig("SHELL", s.shell().toString(), ImageConfigs.withShell(config(), s.shell()), nop(i));
    } else if (i instanceof Instruction.OnBuild o) {
      List<String> triggers = new ArrayList<>(config().onBuild() == null ? List.of() : config().onBuild());
      triggers.add(o.trigger());
      commitConfig("ONBUILD", o.trigger(), ImageConfigs.withOnBuild(config(), triggers), nop(i));
    } else if (i instanceof Instruction.Maintainer m) {
      commitConfig("MAINTAINER", m.name(), config(), nop(i));
    } else if (i instanceof Instruction.Run r) {
      run(r);
    } else if (i instanceof Instruction.Copy c) {
      copy(c);
    } else {
      throw new IllegalStateException("FROM inside a stage: " + i.text());
    }
  }

  private String where(Instruction i) {
    return "Step " + step + "/" + total + " (" + dockerfile.source() + ":" + i.line() + ") " + i.keyword();
  }

  // ---- FROM and ONBUILD

  private void from(Instruction.From f) {
    step++;
    progress.step("Step " + step + "/" + total + " : " + f.text().strip());
    String name;
    try {
      name = WordExpander.expand(f.image(), globals::get, dockerfile.escape());
    } catch (IllegalArgumentException e) {
      throw new BuildException(where(f) + ": " + e.getMessage(), e);
    }
    if (name.isEmpty()) {
      throw new BuildException(where(f) + ": the base image name is empty after expanding " + f.image()
          + " (is the ARG it uses declared before the first FROM, with a value?)");
    }
    Optional<Stage> earlier = dockerfile.stage(name).filter(s -> s.index() < stage.index() && !name.matches("[0-9]+"));
    if (earlier.isPresent()) {
      StageResult r = results.get(earlier.get().index());
      image = r.config();
      imageId = r.imageId();
    } else if (name.equals("scratch")) {
      image = ImageConfigs.scratch();
      imageId = null;
    } else {
      Image base;
      try {
        base = baseImages.resolve(name, request.pull(), progress);
      } catch (RuntimeException e) {
        throw new BuildException(where(f) + ": " + e.getMessage(), e);
      }
      image = base.config();
      imageId = base.id();
    }
    progress.info(" ---> " + (imageId == null ? "scratch" : shortId(imageId)));
    List<String> triggers = config().onBuild();
    if (triggers != null && !triggers.isEmpty()) {
      progress.info("# Executing " + triggers.size() + " build trigger" + (triggers.size() == 1 ? "" : "s"));
      image = new ImageConfig(image.created(), image.architecture(), image.os(), ImageConfigs.withOnBuild(config(), null),
          image.rootfs(), image.history());
      for (String trigger : triggers) {
        progress.info(" ---> ONBUILD " + trigger);
        execute(DockerfileParser.parseTrigger(trigger, "ONBUILD trigger of " + name, f.line(), dockerfile.escape()), false);
      }
    }
  }

  // ---- metadata instructions

  private void arg(Instruction.Arg a) {
    for (ArgDefinition d : a.definitions()) {
      args.declare(d.name(), d.defaultValue() == null ? null : expand(d.defaultValue()));
    }
    // an ARG changes no config, but its value reaches later RUNs: it is part of their cache key through runEnvironment
    progress.info(" ---> " + (imageId == null ? "scratch" : shortId(imageId)));
  }

  private void env(Instruction.Env e) {
    List<String> env = config().env() == null ? new ArrayList<>() : new ArrayList<>(config().env());
    StringBuilder key = new StringBuilder();
    for (KeyValue kv : e.pairs()) {
      Function<String, String> lookup = lookup(env);
      String name = WordExpander.expand(kv.key(), lookup, dockerfile.escape());
      String value = WordExpander.expand(kv.value(), lookup, dockerfile.escape());
      env = ImageConfigs.setEnv(env, name, value);
      key.append(name).append('=').append(value).append('\n');
    }
    commitConfig("ENV", key.toString(), ImageConfigs.withEnv(config(), env), nop(e));
  }

  private void label(Instruction.Label l) {
    Map<String, String> labels = new LinkedHashMap<>(config().labels() == null ? Map.of() : config().labels());
    StringBuilder key = new StringBuilder();
    for (KeyValue kv : l.pairs()) {
      String name = expand(kv.key());
      String value = expand(kv.value());
      labels.put(name, value);
      key.append(name).append('=').append(value).append('\n');
    }
    commitConfig("LABEL", key.toString(), ImageConfigs.withLabels(config(), labels), nop(l));
  }

  private void workdir(Instruction.Workdir w) {
    String dir = expand(w.path());
    String current = config().workingDir() == null || config().workingDir().isEmpty() ? "/" : config().workingDir();
    String resolved = "/" + CopySources.clean(dir.startsWith("/") ? dir : current + "/" + dir);
    commitConfig("WORKDIR", resolved, ImageConfigs.withWorkingDir(config(), resolved), nop(w));
  }

  private void expose(Instruction.Expose e) {
    Map<String, Object> ports = new LinkedHashMap<>(config().exposedPorts() == null ? Map.of() : config().exposedPorts());
    for (String raw : e.ports()) {
      for (String p : WordExpander.expandWords(raw, lookup(config().env()), dockerfile.escape())) {
        for (String port : ExposedPorts.parse(p)) {
          ports.put(port, Map.of());
        }
      }
    }
    commitConfig("EXPOSE", ports.keySet().toString(), ImageConfigs.withExposedPorts(config(), ports), nop(e));
  }

  private void volume(Instruction.Volume v) {
    Map<String, Object> volumes = new LinkedHashMap<>(config().volumes() == null ? Map.of() : config().volumes());
    for (String raw : v.paths()) {
      for (String p : WordExpander.expandWords(raw, lookup(config().env()), dockerfile.escape())) {
        if (p.isBlank()) {
          throw new BuildException("VOLUME specified can not be an empty string");
        }
        volumes.put(p, Map.of());
      }
    }
    commitConfig("VOLUME", volumes.keySet().toString(), ImageConfigs.withVolumes(config(), volumes), nop(v));
  }

  private void healthcheck(Instruction.Healthcheck h) {
    ImageConfig.HealthConfig health;
    if (h.none()) {
      health = new ImageConfig.HealthConfig(List.of("NONE"), null, null, null, null, null);
    } else {
      List<String> test = new ArrayList<>();
      if (h.test().shellForm()) {
        test.add("CMD-SHELL");
        test.add(h.test().args().get(0));
      } else {
        test.add("CMD");
        test.addAll(h.test().args());
      }
      health = new ImageConfig.HealthConfig(test, nanos(h.interval()), nanos(h.timeout()), nanos(h.startPeriod()),
          nanos(h.startInterval()), h.retries());
    }
    commitConfig("HEALTHCHECK", String.valueOf(health), ImageConfigs.withHealthcheck(config(), health), nop(h));
  }

  private static Long nanos(Duration d) {
    return d == null ? null : d.toNanos();
  }

  // ---- RUN

  private void run(Instruction.Run r) {
    List<String> argv = argv(r.command());
    List<String> env = new ArrayList<>(config().env() == null ? List.of() : config().env());
    List<String> argEnv = args.runEnvironment(ImageConfigs.envMap(env).keySet());
    env.addAll(argEnv);
    String network = r.network() != null && !r.network().equals("default") ? r.network() : request.network();
    String key = BuildCache.key(parent(), "RUN", String.join("\0", argv), String.join("\0", argEnv), network,
        String.valueOf(r.mounts()), String.join(",", request.extraHosts()));
    if (cacheHit(key)) {
      return;
    }
    String id = "build-" + HexFormat.of().formatHex(randomBytes(12));
    Path stateDir = work.resolve(id);
    Path diff = work.resolve(id + ".diff");
    List<Path> lowers = new ArrayList<>();
    lowers.add(InitLayer.create(work.resolve(id + ".init"), lookupImage()));
    lowers.addAll(layersTopFirst());
    UserSpec user = UserSpec.resolve(config().user(), layersTopFirst());
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      List<MountSpec> mounts = runMounts(r.mounts(), opened);
      String workdir = config().workingDir() == null || config().workingDir().isEmpty() ? "/" : config().workingDir();
      progress.info(" ---> Running in " + id.substring(6, 18));
      int code = runner.run(new RunStep(id, lowers, stateDir, diff, argv, env, workdir, user.uid(), user.gid(), mounts, network,
          request.extraHosts()), progress);
      if (code != 0) {
        throw new BuildException("the command '" + String.join(" ", argv) + "' returned a non-zero code: " + code);
      }
    } finally {
      closeAll(opened);
    }
    commitLayer(key, diff, "RUN " + String.join(" ", argv));
  }

  private List<MountSpec> runMounts(List<RunMount> mounts, List<AutoCloseable> opened) {
    List<MountSpec> out = new ArrayList<>();
    for (RunMount m : mounts) {
      Map<String, String> o = m.options();
      String target = o.getOrDefault("target", o.getOrDefault("dst", o.get("destination")));
      if (target == null) {
        throw new BuildException("RUN --mount=type=" + m.type() + " needs target=PATH");
      }
      String absolute = target.startsWith("/") ? target : workdir() + "/" + target;
      switch (m.type()) {
        case "cache" -> {
          String id = o.getOrDefault("id", absolute);
          Path dir = cacheMountDir(id);
          out.add(MountSpec.bind(dir.toString(), absolute, "true".equals(o.get("ro")) || "true".equals(o.get("readonly"))));
        }
        case "tmpfs" -> out.add(MountSpec.tmpfs(absolute, o.containsKey("size") ? List.of("size=" + o.get("size")) : List.of()));
        case "bind" -> {
          Path root = o.containsKey("from") ? mountFrom(o.get("from"), opened) : request.contextDir();
          List<Path> src = CopySources.match(root, o.getOrDefault("source", o.getOrDefault("src", ".")),
              o.containsKey("from") ? "stage " + o.get("from") : "build context");
          boolean rw = "true".equals(o.get("rw")) || "true".equals(o.get("readwrite")) || o.containsKey("rw") && o.get("rw").isEmpty();
          out.add(MountSpec.bind(src.get(0).toString(), absolute, !rw));
        }
        default -> throw new BuildException("RUN --mount=type=" + m.type() + " is not supported (cache, bind and tmpfs are)");
      }
    }
    return out;
  }

  private Path cacheMountDir(String id) {
    Path dir = work.getParent().resolve("cache-mounts").resolve(BuildCache.key(id).substring(0, 32));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BuildException("could not create the cache mount " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  // ---- COPY and ADD

  private void copy(Instruction.Copy c) {
    Function<String, String> lookup = lookup(config().env());
    String destRaw = WordExpander.expand(c.destination(), lookup, dockerfile.escape());
    String dest = destRaw.startsWith("/") ? destRaw : workdir() + "/" + destRaw;
    if (destRaw.endsWith("/") && !dest.endsWith("/")) {
      dest = dest + "/";
    }
    if ((destRaw.equals(".") || destRaw.endsWith("/.")) && !dest.endsWith("/")) {
      dest = dest + "/";
    }
    UserSpec owner = c.chown() == null ? new UserSpec(0, 0)
        : UserSpec.resolve(WordExpander.expand(c.chown(), lookup, dockerfile.escape()), layersTopFirst());
    Integer chmod = c.chmod() == null ? null : parseMode(c.chmod());
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Path root;
      String what;
      if (c.from() != null) {
        root = mountFrom(WordExpander.expand(c.from(), lookup, dockerfile.escape()), opened);
        what = "stage or image " + c.from();
      } else {
        root = request.contextDir();
        what = "build context";
      }
      List<Path> sources = new ArrayList<>();
      boolean wildcard = false;
      List<Path> downloads = new ArrayList<>();
      for (String raw : c.sources()) {
        String src = WordExpander.expand(raw, lookup, dockerfile.escape());
        if (c.add() && (src.startsWith("http://") || src.startsWith("https://"))) {
          downloads.add(UrlSource.download(src, work.resolve("download-" + (scratchDirs++))));
          continue;
        }
        wildcard |= SourcePattern.hasWildcards(src);
        sources.addAll(CopySources.match(root, src, what));
      }
      sources.addAll(downloads);
      StringBuilder heredocs = new StringBuilder();
      for (Heredoc h : c.heredocs()) {
        String content = h.expand() ? WordExpander.expand(h.content(), lookup, dockerfile.escape()) : h.content();
        heredocs.append(h.name()).append('\0').append(content).append('\0');
      }
      String key = BuildCache.key(parent(), c.add() ? "ADD" : "COPY", dest, owner.uid() + ":" + owner.gid(), String.valueOf(chmod),
          CopySources.digest(root, sources), heredocs.toString(), String.valueOf(sources.size()), String.valueOf(wildcard));
      if (cacheHit(key)) {
        return;
      }
      Path layer = work.resolve("copy-" + (scratchDirs++));
      CopyLayer copy = new CopyLayer(layer, lookupImage(), owner.uid(), owner.gid(), chmod);
      try {
        if (!sources.isEmpty()) {
          copy.copy(sources, dest, wildcard, c.add());
        }
        for (Heredoc h : c.heredocs()) {
          copy.write(dest, h.name(), h.expand() ? WordExpander.expand(h.content(), lookup, dockerfile.escape()) : h.content());
        }
      } catch (IOException e) {
        throw new BuildException("copying into " + dest + " failed: " + e.getMessage(), e);
      }
      commitLayer(key, layer, (c.add() ? "ADD " : "COPY ") + String.join(" ", c.sources()) + " " + dest);
    } finally {
      closeAll(opened);
    }
  }

  /** The root of a stage built earlier, or of an image, read-only; closed with {@code opened}. */
  private Path mountFrom(String ref, List<AutoCloseable> opened) {
    Optional<Stage> s = dockerfile.stage(ref).filter(st -> st.index() < stage.index());
    ImageConfig config;
    if (s.isPresent()) {
      StageResult r = results.get(s.get().index());
      if (r == null) {
        throw new BuildException("stage " + ref + " was not built before this one");
      }
      config = r.config();
    } else if (dockerfile.stage(ref).isPresent()) {
      throw new BuildException("stage " + ref + " comes after this one; --from can only name an earlier stage");
    } else {
      config = baseImages.resolve(ref, false, progress).config();
    }
    List<Path> layers = new ArrayList<>();
    for (String diffId : ImageConfigs.diffIds(config)) {
      layers.add(0, store.layerDir(Digest.parse(diffId)));
    }
    try {
      ReadOnlyOverlay view = ReadOnlyOverlay.mount(layers, work.resolve("mnt-" + (scratchDirs++)));
      opened.add(view);
      return view.root();
    } catch (IOException e) {
      throw new BuildException("could not open " + ref + " to copy from it: " + e.getMessage(), e);
    }
  }

  private static Integer parseMode(String chmod) {
    if (!chmod.matches("[0-7]{3,4}")) {
      throw new BuildException("--chmod=" + chmod + " must be an octal mode such as 755 or 0644");
    }
    return Integer.parseInt(chmod, 8);
  }

  // ---- commits and the cache

  private boolean cacheHit(String key) {
    if (request.noCache()) {
      return false;
    }
    Optional<Image> hit = cache.lookup(key);
    if (hit.isEmpty()) {
      return false;
    }
    image = hit.get().config();
    imageId = hit.get().id();
    cached++;
    progress.info(" ---> Using cache");
    progress.info(" ---> " + shortId(imageId));
    return true;
  }

  private void commitConfig(String keyword, String expanded, ImageConfig.Config newConfig, String createdBy) {
    String key = BuildCache.key(parent(), keyword, expanded);
    if (cacheHit(key)) {
      return;
    }
    image = ImageConfigs.next(image, newConfig, createdBy, null);
    imageId = store.putImage(image);
    cache.put(key, imageId);
    progress.info(" ---> " + shortId(imageId));
  }

  private void commitLayer(String key, Path dir, String createdBy) {
    Digest diffId = committer.commit(dir);
    image = ImageConfigs.next(image, config(), createdBy, diffId.toString());
    imageId = store.putImage(image);
    cache.put(key, imageId);
    progress.info(" ---> " + shortId(imageId));
  }

  // ---- helpers

  private ImageConfig.Config config() {
    return ImageConfigs.config(image);
  }

  private String parent() {
    return imageId == null ? "scratch" : imageId;
  }

  private String workdir() {
    String w = config().workingDir();
    return w == null || w.isEmpty() ? "" : w.endsWith("/") ? w.substring(0, w.length() - 1) : w;
  }

  private List<Path> layersTopFirst() {
    List<Path> out = new ArrayList<>();
    for (String diffId : ImageConfigs.diffIds(image)) {
      out.add(0, store.layerDir(Digest.parse(diffId)));
    }
    return out;
  }

  private LayerLookup lookupImage() {
    return new LayerLookup(layersTopFirst());
  }

  /** Variables for expansion: the image's ENV over the stage's ARGs. */
  private Function<String, String> lookup(List<String> env) {
    Map<String, String> vars = ImageConfigs.envMap(env);
    return name -> vars.containsKey(name) ? vars.get(name) : args.get(name);
  }

  private String expand(String raw) {
    return WordExpander.expand(raw, lookup(config().env()), dockerfile.escape());
  }

  /** A command in exec form as is; in shell form run by the stage's SHELL. */
  private List<String> argv(Command c) {
    if (!c.shellForm()) {
      return c.args();
    }
    List<String> shell = config().shell() == null || config().shell().isEmpty() ? DEFAULT_SHELL : config().shell();
    List<String> out = new ArrayList<>(shell);
    out.add(c.args().get(0));
    return out;
  }

  private static String nop(Instruction i) {
    return "/bin/sh -c #(nop) " + i.text().strip();
  }

  static String shortId(String id) {
    return id.startsWith("sha256:") ? id.substring(7, 19) : id.substring(0, 12);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n / 2];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private void closeAll(List<AutoCloseable> opened) {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        progress.warning("could not release " + c + ": " + e.getMessage());
      }
    }
  }
}
