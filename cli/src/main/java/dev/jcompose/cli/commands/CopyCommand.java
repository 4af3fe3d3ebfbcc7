package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.build.CopyArchives;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.compose.model.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcompose cp}: copies files between a service's container and the local file system,
 * with {@code docker cp}'s path rules (Docker Compose's {@code cp}), over the engine's archive API.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
    description = "Copy files/folders between a service container and the local filesystem.",
    footer = {"", "  jcompose cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-",
        "  jcompose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH", "",
        "SRC_PATH ending in /. copies a directory's contents; - reads or writes a tar stream.",
        "Without --index, copying to a service copies to each of its containers; copying from it uses the first."})
public final class CopyCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--index", defaultValue = "0", description = "Index of the container if the service has several replicas")
  int index;

  @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
  boolean archive;

  @Option(names = {"-L", "--follow-link"}, description = "Always follow a symbolic link in SRC_PATH")
  boolean followLink;

  @Option(names = "--all", description = "Include containers created by the run command")
  boolean all;

  @Parameters(index = "0", paramLabel = "SRC", description = "SERVICE:SRC_PATH, or a local SRC_PATH or -")
  String source;

  @Parameters(index = "1", paramLabel = "DEST", description = "a local DEST_PATH or -, or SERVICE:DEST_PATH")
  String destination;

  /** "service:path", or a local path (absolute, starting with ".", or without a colon). */
  record Arg(String service, String path) {
    static Arg parse(String s) {
      if (s.equals("-") || s.startsWith("/") || s.startsWith(".") || !s.contains(":")) {
        return new Arg(null, s);
      }
      int colon = s.indexOf(':');
      return new Arg(s.substring(0, colon), s.substring(colon + 1));
    }
  }

  @Override
  public Integer call() throws IOException {
    Arg src = Arg.parse(source);
    Arg dst = Arg.parse(destination);
    if (src.service() != null && dst.service() != null) {
      throw new UserFacingException("copying between services is not supported");
    }
    if (src.service() == null && dst.service() == null) {
      throw new UserFacingException("unknown copy direction: one of SRC and DEST must be SERVICE:PATH");
    }
    String service = src.service() != null ? src.service() : dst.service();
    if (service.isEmpty()) {
      throw new UserFacingException("no service given before ':' in " + (src.service() != null ? source : destination));
    }
    if ((src.service() != null ? src.path() : dst.path()).isEmpty()) {
      throw new UserFacingException("the path in the service must not be empty (SERVICE:PATH)");
    }
    Project project = ProjectLoading.load(main.global, List.of(service));
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    List<ContainerSummary> targets = targets(engine, project, service, src.service() != null);
    try {
      if (src.service() != null) {
        copyFrom(engine, targets.get(0), src.path(), dst.path());
      } else {
        for (ContainerSummary c : targets) {
          copyTo(engine, c, src.path(), dst.path());
        }
      }
    } catch (EngineApiException e) {
      throw new UserFacingException("Error response from engine: " + e.getMessage());
    }
    return 0;
  }

  private List<ContainerSummary> targets(EngineClient engine, Project project, String service, boolean from) {
    List<ContainerSummary> cs = engine.listContainers(true, List.of(ComposeLabels.project(project.name()), ComposeLabels.service(service)))
        .stream()
        .filter(c -> all || !"True".equalsIgnoreCase(c.labels().get(ComposeLabels.ONEOFF)))
        .sorted(Comparator.comparingInt(c -> number(c)))
        .toList();
    if (index > 0) {
      return List.of(cs.stream().filter(c -> number(c) == index).findFirst().orElseThrow(() -> new UserFacingException(
          "service \"" + service + "\" is not running container #" + index)));
    }
    if (cs.isEmpty()) {
      throw new UserFacingException("no container found for service \"" + service + "\"");
    }
    return from ? cs.subList(0, 1) : cs;
  }

  private static int number(ContainerSummary c) {
    try {
      return Integer.parseInt(c.labels().getOrDefault(ComposeLabels.NUMBER, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String name(ContainerSummary c) {
    return c.names().isEmpty() ? c.id() : c.names().get(0).replaceFirst("^/", "");
  }

  // ---- from the container ----

  private void copyFrom(EngineClient engine, ContainerSummary c, String srcPath, String dstPath) throws IOException {
    if (dstPath.equals("-")) {
      OutputStream out = System.out;
      engine.copyFromContainer(c.id(), srcPath, out);
      out.flush();
      return;
    }
    Path tmp = Files.createTempFile("jcompose-cp-", ".tar");
    try {
      EngineClient.PathStat stat;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        stat = engine.copyFromContainer(c.id(), srcPath, out);
      }
      String rebaseName = null;
      if (followLink && stat.isSymlink()) {
        rebaseName = baseOf(srcPath);
        String target = stat.linkTarget();
        srcPath = target.startsWith("/") ? target : splitDir(srcPath) + "/" + target;
        try (OutputStream out = Files.newOutputStream(tmp)) {
          stat = engine.copyFromContainer(c.id(), srcPath, out);
        }
      }
      extractLocally(c, srcPath, dstPath, stat, rebaseName, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
    System.err.println("Copied " + name(c) + ":" + srcPath + " to " + dstPath);
  }

  private void extractLocally(ContainerSummary c, String srcPath, String dstPath, EngineClient.PathStat stat, String rebaseName,
      Path tmp) throws IOException {
    String srcBase = baseOf(srcPath);
    if (rebaseName == null) {
      rebaseName = srcBase;
    }
    // the destination (docker's CopyInfoDestinationPath)
    Path dst = Path.of(dstPath).toAbsolutePath();
    boolean exists = Files.exists(dst);
    boolean isDir = Files.isDirectory(dst);
    if (!exists) {
      Path parent = dst.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new UserFacingException("destination directory " + (parent == null ? dst : parent) + " does not exist");
      }
    }
    Path extractInto;
    UnaryOperator<String> rename = CopyArchives.rebase(srcBase, rebaseName);
    String dstBase = dst.getFileName() == null ? "/" : dst.getFileName().toString();
    if (exists && isDir) {
      extractInto = dst;
    } else if (exists && stat.isDir()) {
      throw new UserFacingException("cannot copy a directory to a file: " + dstPath);
    } else if (!exists && !stat.isDir() && (dstPath.endsWith("/") || dstPath.endsWith("/."))) {
      throw new UserFacingException("destination directory " + dstPath + " does not exist (and the source is not a directory)");
    } else {
      extractInto = dst.getParent();
      UnaryOperator<String> first = rename;
      UnaryOperator<String> second = CopyArchives.rebase(rebaseName, dstBase);
      rename = n -> second.apply(first.apply(n));
    }
    try (InputStream in = Files.newInputStream(tmp)) {
      CopyArchives.extract(in, extractInto, rename);
    }
  }

  // ---- into the container ----

  private void copyTo(EngineClient engine, ContainerSummary c, String srcPath, String dstPath) throws IOException {
    String dstInContainer = dstPath;
    EngineClient.PathStat dstStat = statOrNull(engine, c, dstInContainer);
    if (dstStat != null && dstStat.isSymlink()) {
      String target = dstStat.linkTarget();
      dstInContainer = target.startsWith("/") ? target : splitDir(dstPath) + "/" + target;
      dstStat = statOrNull(engine, c, dstInContainer);
    }
    boolean dstExists = dstStat != null;
    boolean dstIsDir = dstExists && dstStat.isDir();
    Path tmp = Files.createTempFile("jcompose-cp-", ".tar");
    try {
      String extractDir;
      if (srcPath.equals("-")) {
        if (!dstIsDir) {
          throw new UserFacingException("destination \"" + name(c) + ":" + dstPath + "\" must be a directory");
        }
        Files.copy(System.in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        extractDir = dstInContainer;
      } else {
        Path local = Path.of(srcPath).toAbsolutePath();
        Path resolved;
        String rebaseName = null;
        if (followLink) {
          resolved = local.toRealPath();
          if (!resolved.getFileName().toString().equals(local.getFileName() == null ? "" : local.getFileName().toString())) {
            rebaseName = baseOf(srcPath);
          }
        } else {
          Path parent = local.getParent() == null ? local : local.getParent().toRealPath();
          resolved = local.getParent() == null ? local : parent.resolve(local.getFileName());
          if (srcPath.endsWith("/") && !srcPath.endsWith("/.") && !baseOf(srcPath).equals(resolved.toRealPath().getFileName().toString())) {
            rebaseName = baseOf(srcPath);
          }
          if (srcPath.endsWith("/")) {
            resolved = resolved.toRealPath();
          }
        }
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
          throw new UserFacingException("could not find the file " + srcPath);
        }
        boolean copyContents = srcPath.endsWith("/.") || srcPath.equals(".");
        boolean srcIsDir = Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS);
        String srcBase = copyContents ? "." : resolved.getFileName().toString();
        String name = rebaseName != null ? rebaseName : srcBase;
        String dstBase = baseOf(dstInContainer);
        UnaryOperator<String> rename;
        if (dstExists && dstIsDir) {
          extractDir = dstInContainer;
          rename = UnaryOperator.identity();
        } else if (dstExists && srcIsDir) {
          throw new UserFacingException("cannot copy a directory to a file: " + name(c) + ":" + dstPath);
        } else if (!dstExists && !srcIsDir && (dstPath.endsWith("/") || dstPath.endsWith("/."))) {
          throw new UserFacingException("destination directory " + name(c) + ":" + dstPath + " does not exist");
        } else {
          extractDir = splitDir(dstInContainer);
          rename = CopyArchives.rebase(name, dstBase);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
          CopyArchives.create(copyContents ? resolved.normalize() : resolved, name, rename, out);
        }
      }
      engine.copyToContainer(c.id(), extractDir, tmp, archive, false);
    } finally {
      Files.deleteIfExists(tmp);
    }
    System.err.println("Copied " + srcPath + " to " + name(c) + ":" + dstPath);
  }

  private static EngineClient.PathStat statOrNull(EngineClient engine, ContainerSummary c, String path) {
    try {
      return engine.statContainerPath(c.id(), path);
    } catch (EngineApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  /** The last element of a path, "." for "x/.", ignoring trailing slashes. */
  static String baseOf(String path) {
    if (path.endsWith("/.") || path.equals(".")) {
      return ".";
    }
    String s = path.replaceAll("/+$", "");
    if (s.isEmpty()) {
      return "/";
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** The directory part of a container path ("/" at the top). */
  static String splitDir(String path) {
    String s = path.endsWith("/.") ? path.substring(0, path.length() - 2) : path.replaceAll("/+$", "");
    int slash = s.lastIndexOf('/');
    return slash <= 0 ? "/" : s.substring(0, slash);
  }
}
