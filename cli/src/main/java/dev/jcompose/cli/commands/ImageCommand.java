package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ImageSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code jcompose image import|ls|pull|push|inspect|tag|rm|prune|history|save|load}: the local image store. */
@Command(name = "image", description = "Manage images in the engine's store",
    subcommands = {ImageCommand.Import.class, ImageCommand.Ls.class, ImageCommand.Pull.class, ImageCommand.Push.class,
        ImageCommand.Inspect.class, ImageCommand.Tag.class, ImageCommand.Rm.class, ImageCommand.Prune.class, ImageCommand.History.class,
        ImageCommand.Save.class, ImageCommand.Load.class})
public final class ImageCommand implements Runnable {
  @ParentCommand
  dev.jcompose.cli.Main main;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code jcompose image import FILE.tar NAME[:TAG]}, like {@code docker import}. */
  @Command(name = "import", description = "Import a root filesystem tarball as an image")
  public static final class Import implements Runnable {
    @ParentCommand
    ImageCommand parent;

    GlobalOptions global() {
      return parent.main.global;
    }

    @Parameters(index = "0", description = "Tarball of a root filesystem (plain or gzip)")
    Path file;

    @Parameters(index = "1", description = "Image name, NAME[:TAG]")
    String name;

    @Override
    public void run() {
      if (!Files.isRegularFile(file)) {
        throw new UserFacingException("image import: " + file + " is not a file; give a root filesystem tarball (tar -C ROOTFS -cf FILE.tar .)");
      }
      String repo = name;
      String tag = null;
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/')) {
        repo = name.substring(0, colon);
        tag = name.substring(colon + 1);
      }
      EngineClient engine = new EngineStarter(global().engineLocation()).connect();
      String answer = engine.importImage(file.toAbsolutePath(), repo, tag);
      String id = answer.replaceAll("(?s).*\"status\":\"([^\"]+)\".*", "$1").strip();
      System.out.println(id);
    }
  }

  /** {@code jcompose image pull NAME[:TAG|@DIGEST]}, like {@code docker pull}. */
  @Command(name = "pull", description = "Pull an image from a registry")
  public static final class Pull implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = "--platform", description = "Platform OS/ARCH[/VARIANT] (default: the engine's)")
    String platform;

    @picocli.CommandLine.Option(names = {"-q", "--quiet"}, description = "Print only the image name")
    boolean quiet;

    @Parameters(index = "0", description = "Image, NAME[:TAG|@DIGEST]")
    String name;

    @Override
    public void run() {
      EngineClient engine = new EngineStarter(parent.main.global.engineLocation()).connect();
      engine.pullImage(name, platform, p -> {
        if (quiet || "Downloading".equals(p.status())) {
          return; // one line per step, not per chunk: the byte counts are for interactive displays
        }
        System.out.println(p.id() == null ? p.status() : p.id() + ": " + p.status());
      });
      System.out.println(name);
    }
  }

  /** {@code jcompose image ls}. */
  @Command(name = "ls", aliases = "list", description = "List images")
  public static final class Ls implements Runnable {
    @ParentCommand
    ImageCommand parent;

    GlobalOptions global() {
      return parent.main.global;
    }

    @Override
    public void run() {
      EngineClient engine = new EngineStarter(global().engineLocation()).connect();
      Table t = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
      for (ImageSummary i : engine.listImages()) {
        List<String> tags = i.repoTags() == null || i.repoTags().isEmpty() ? List.of("<none>:<none>") : new ArrayList<>(i.repoTags());
        for (String rt : tags) {
          int c = rt.lastIndexOf(':');
          t.row(rt.substring(0, c), rt.substring(c + 1), i.id().replace("sha256:", "").substring(0, 12),
              Times.ago(Duration.between(Instant.ofEpochSecond(i.created()), Instant.now())), Sizes.human(i.size()));
        }
      }
      System.out.print(t.render());
    }
  }

  @Command(name = "inspect", description = "Display detailed information on one or more images (JSON)")
  public static final class Inspect implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or ids")
    List<String> images = new ArrayList<>();

    @Override
    public void run() {
      EngineClient engine = new EngineStarter(parent.main.global.engineLocation()).connect();
      List<Object> out = new ArrayList<>();
      for (String name : images) {
        out.add(engine.inspectImage(name));
      }
      try {
        System.out.println(dev.jcompose.api.model.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  EngineClient engine() {
    return new EngineStarter(main.global.engineLocation()).connect();
  }

  /** {@code jcompose image push NAME[:TAG]}, like {@code docker push}. */
  @Command(name = "push", description = "Push an image to a registry")
  public static final class Push implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = {"-a", "--all-tags"}, description = "Push all tags of the repository")
    boolean allTags;

    @picocli.CommandLine.Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Parameters(index = "0", description = "Image, NAME[:TAG]")
    String name;

    @Override
    public void run() {
      push(parent.engine(), name, allTags, quiet);
    }

    /** Pushes {@code name} (with its tag, or :latest; all tags with {@code allTags}), printing docker's lines. */
    static void push(EngineClient engine, String name, boolean allTags, boolean quiet) {
      String repo = name;
      String tag = "latest";
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/')) {
        repo = name.substring(0, colon);
        tag = name.substring(colon + 1);
      }
      engine.pushImage(repo, allTags ? null : tag, p -> {
        if (quiet || "Pushing".equals(p.status())) {
          return;
        }
        System.out.println(p.id() == null ? p.status() : p.id() + ": " + p.status());
      });
      if (quiet) {
        System.out.println(name);
      }
    }
  }

  /** {@code jcompose image tag SOURCE TARGET}. */
  @Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
  public static final class Tag implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE", description = "Image name or id")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE", description = "New name, NAME[:TAG]")
    String target;

    @Override
    public void run() {
      String repo = target;
      String tag = null;
      int colon = target.lastIndexOf(':');
      if (colon > target.lastIndexOf('/')) {
        repo = target.substring(0, colon);
        tag = target.substring(colon + 1);
      }
      parent.engine().tagImage(source, repo, tag);
    }
  }

  /** {@code jcompose image rm [-f] IMAGE...}, like {@code docker rmi}. */
  @Command(name = "rm", aliases = {"remove", "rmi"}, description = "Remove one or more images")
  public static final class Rm implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = {"-f", "--force"}, description = "Force removal of the image")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image names or ids")
    List<String> images = new ArrayList<>();

    @Override
    public void run() {
      EngineClient engine = parent.engine();
      List<String> errors = new ArrayList<>();
      for (String name : images) {
        try {
          for (java.util.Map<String, String> r : engine.removeImage(name, force)) {
            r.forEach((k, v) -> System.out.println(k + ": " + v));
          }
        } catch (dev.jcompose.api.client.EngineApiException e) {
          errors.add("Error response from engine: " + e.getMessage());
        }
      }
      if (!errors.isEmpty()) {
        throw new UserFacingException(String.join("\n", errors));
      }
    }
  }

  /** {@code jcompose image prune [-a] [-f]}. */
  @Command(name = "prune", description = "Remove unused images")
  public static final class Prune implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @picocli.CommandLine.Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (jcompose never prompts)")
    boolean force;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      java.util.Map<String, Object> r = parent.engine().pruneImages(all);
      Object deleted = r == null ? null : r.get("ImagesDeleted");
      if (deleted instanceof List<?> list && !list.isEmpty()) {
        System.out.println("Deleted Images:");
        for (Object o : list) {
          ((java.util.Map<String, Object>) o).forEach((k, v) -> System.out.println(k.toLowerCase() + ": " + v));
        }
        System.out.println();
      }
      Object space = r == null ? null : r.get("SpaceReclaimed");
      System.out.println("Total reclaimed space: " + Sizes.human(space == null ? 0L : ((Number) space).longValue()));
    }
  }

  /** {@code jcompose image history IMAGE}. */
  @Command(name = "history", description = "Show the history of an image")
  public static final class History implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String name;

    @Override
    public void run() {
      Table t = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
      for (java.util.Map<String, Object> h : parent.engine().imageHistory(name)) {
        String id = String.valueOf(h.get("Id"));
        if (!noTrunc && id.startsWith("sha256:")) {
          id = id.substring(7, 19);
        }
        String by = String.valueOf(h.getOrDefault("CreatedBy", ""));
        if (!noTrunc && by.length() > 45) {
          by = by.substring(0, 44) + "…";
        }
        long created = ((Number) h.getOrDefault("Created", 0)).longValue();
        t.row(id, created == 0 ? "N/A" : Times.ago(Duration.between(Instant.ofEpochSecond(created), Instant.now())), by,
            Sizes.human(((Number) h.getOrDefault("Size", 0)).longValue()), String.valueOf(h.getOrDefault("Comment", "")));
      }
      System.out.print(t.render());
    }
  }

  /** {@code jcompose image save -o FILE IMAGE...}: a docker-archive tar that {@code docker load} reads. */
  @Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
  public static final class Save implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images = new ArrayList<>();

    @Override
    public void run() {
      EngineClient engine = parent.engine();
      if (output == null) {
        if (System.console() != null) {
          throw new UserFacingException("image save: refusing to write a tar archive to the terminal; use -o FILE or redirect");
        }
        engine.saveImages(images, System.out);
        System.out.flush();
        return;
      }
      Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".partial");
      try {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
          engine.saveImages(images, out);
        }
        Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (java.io.IOException e) {
        throw new UserFacingException("image save: writing " + output + " failed: " + e.getMessage());
      } finally {
        try {
          Files.deleteIfExists(tmp);
        } catch (java.io.IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  /** {@code jcompose image load -i FILE}: a docker-archive ({@code docker save}) or an OCI layout tar. */
  @Command(name = "load", description = "Load images from a tar archive (docker save or OCI layout; STDIN by default)")
  public static final class Load implements Runnable {
    @ParentCommand
    ImageCommand parent;

    @picocli.CommandLine.Option(names = {"-i", "--input"}, description = "Read from tar archive file, instead of STDIN")
    Path input;

    @picocli.CommandLine.Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Override
    public void run() {
      EngineClient engine = parent.engine();
      List<String> lines;
      try {
        if (input == null) {
          lines = engine.loadImages(System.in, -1);
        } else {
          if (!Files.isRegularFile(input)) {
            throw new UserFacingException("image load: " + input + " is not a file");
          }
          try (java.io.InputStream in = Files.newInputStream(input)) {
            lines = engine.loadImages(in, Files.size(input));
          }
        }
      } catch (java.io.IOException e) {
        throw new UserFacingException("image load: reading " + input + " failed: " + e.getMessage());
      }
      if (!quiet) {
        lines.forEach(System.out::println);
      }
    }
  }
}
