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

/** {@code jcompose image import|ls|pull|inspect}: the local image store. */
@Command(name = "image", description = "Manage images in the engine's store",
    subcommands = {ImageCommand.Import.class, ImageCommand.Ls.class, ImageCommand.Pull.class, ImageCommand.Inspect.class})
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
}
