package dev.jcompose.engine.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.jcompose.api.model.Json;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.engine.images.ImageService;
import dev.jcompose.image.Image;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.ScopedPaths;
import dev.jcompose.linux.tar.ScopedTarExtractor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Docker's archive API, {@code docker cp}: {@code HEAD|GET /containers/{id}/archive?path=P} (the
 * stat of P in the {@code X-Docker-Container-Path-Stat} header; a tar of P whose entries start
 * with P's base name) and {@code PUT /containers/{id}/archive?path=DIR} (extracts a tar into DIR).
 *
 * <p>A running container's files are read and written through {@code /proc/PID/root}, which
 * shows its mount namespace: the overlay and every volume, bind and tmpfs. A stopped one's
 * rootfs is mounted for the time of the call in the engine's namespace, below {@code
 * <root>/archive-mounts}: its upper dir (when it has one) over the image's layers, read-only to
 * read; writable into the upper dir (with a work dir of its own) to write. Its volume and bind
 * mounts are bound on top at their targets when the target exists in the rootfs; its tmpfs
 * mounts are empty, as they would be at the next start. Paths are resolved inside the root
 * ({@link ScopedPaths}): a link never leads out of the container.
 */
public final class ContainerArchive {
  private static final Logger LOG = Logger.getLogger(ContainerArchive.class.getName());
  public static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  private final ContainerService containers;
  private final ImageService images;
  private final MountPlanner planner;
  private final Path mountsDir;

  ContainerArchive(ContainerService containers, ImageService images, MountPlanner planner, Path mountsDir) {
    this.containers = containers;
    this.images = images;
    this.planner = planner;
    this.mountsDir = mountsDir;
    removeLeftovers();
  }

  /** Docker's {@code types.ContainerPathStat}; {@code mode} is a Go {@code os.FileMode}. */
  public record PathStat(@JsonProperty("name") String name, @JsonProperty("size") long size, @JsonProperty("mode") long mode,
      @JsonProperty("mtime") String mtime, @JsonProperty("linkTarget") String linkTarget) {}

  /** {@code HEAD}: the stat header alone. */
  public ApiResponse stat(String idOrName, String path) {
    Container c = containers.require(idOrName);
    String abs = absPath(path);
    try (Root root = open(c, false)) {
      PathStat stat = stat(root.path(), abs, path, idOrName);
      return new ApiResponse.WithHeaders(Map.of(STAT_HEADER, header(stat)), ApiResponse.ok(null));
    } catch (IOException e) {
      throw new ApiException(500, "reading " + path + " in container " + idOrName + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code GET}: the tar, streamed; the stopped container's rootfs stays mounted until it is written. */
  public ApiResponse get(String idOrName, String path) {
    Container c = containers.require(idOrName);
    String abs = absPath(path);
    Root root = open(c, false);
    try {
      PathStat stat = stat(root.path(), abs, path, idOrName);
      List<String> argv = tarArgv(root.path(), abs);
      ApiResponse.StreamWriter writer = out -> {
        try (root) {
          runTar(argv, out);
        }
      };
      return new ApiResponse.WithHeaders(Map.of(STAT_HEADER, header(stat)),
          new ApiResponse.Streaming(200, "application/x-tar", writer));
    } catch (IOException | RuntimeException e) {
      root.closeQuietly();
      if (e instanceof ApiException a) {
        throw a;
      }
      throw new ApiException(500, "reading " + path + " in container " + idOrName + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code PUT}: extracts {@code tar} into the existing directory {@code path}. */
  public void put(String idOrName, String path, boolean noOverwriteDirNonDir, boolean copyUidGid, InputStream tar) {
    Container c = containers.require(idOrName);
    String abs = absPath(path);
    synchronized (c) { // a stopped container must not start while its upper dir is mounted here
      if (c.running() == null) {
        extract(c, abs, path, idOrName, noOverwriteDirNonDir, copyUidGid, tar);
        return;
      }
    }
    extract(c, abs, path, idOrName, noOverwriteDirNonDir, copyUidGid, tar);
  }

  private void extract(Container c, String abs, String path, String idOrName, boolean noOverwrite, boolean copyUidGid, InputStream tar) {
    try (Root root = open(c, true)) {
      String dest = ScopedPaths.resolve(root.path(), abs, true);
      Path host = ScopedPaths.host(root.path(), dest);
      if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
        throw ApiException.notFound("Could not find the file " + path + " in container " + idOrName);
      }
      if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
        throw ApiException.badRequest("extraction point is not a directory");
      }
      checkWritable(c.record(), dest);
      Long[] owner = copyUidGid ? owner(root.path(), c.record().config().user()) : new Long[] {null, null};
      ScopedTarExtractor.extract(tar, root.path(), dest, new ScopedTarExtractor.Options(noOverwrite, owner[0], owner[1]));
    } catch (ScopedTarExtractor.ArchiveException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw new ApiException(500, "extracting the archive into " + path + " of container " + idOrName + " failed: " + e, e);
    }
  }

  /** Docker: not into a read-only volume, nor a read-only rootfs outside a volume. */
  private static void checkWritable(ContainerRecord r, String dest) {
    Optional<MountPlanner.PlannedMount> mount = r.mounts().stream()
        .filter(m -> dest.equals(m.target()) || dest.startsWith(m.target().endsWith("/") ? m.target() : m.target() + "/"))
        .max(Comparator.comparingInt(m -> m.target().length()));
    if (mount.isPresent()) {
      if (mount.get().readOnly()) {
        throw new ApiException(403, "mounted volume is marked read-only");
      }
    } else if (r.config().hostConfig() != null && Boolean.TRUE.equals(r.config().hostConfig().readonlyRootfs())) {
      throw new ApiException(403, "container rootfs is marked read-only");
    }
  }

  /** The owner for {@code copyUIDGID}: the container's user (numeric, or a name from its /etc/passwd); none when it has none. */
  static Long[] owner(Path root, String user) throws IOException {
    if (user == null || user.isEmpty()) {
      return new Long[] {null, null};
    }
    String[] ug = user.split(":", 2);
    Long uid = null;
    Long gid = null;
    if (ug[0].matches("\\d+")) {
      uid = Long.parseLong(ug[0]);
      gid = uid;
    }
    Path passwd = ScopedPaths.host(root, ScopedPaths.resolve(root, "/etc/passwd", true));
    if (Files.isRegularFile(passwd)) {
      for (String line : Files.readAllLines(passwd, StandardCharsets.ISO_8859_1)) {
        String[] f = line.split(":");
        if (f.length >= 4 && (f[0].equals(ug[0]) || f[2].equals(ug[0]))) {
          uid = Long.parseLong(f[2]);
          gid = Long.parseLong(f[3]);
          break;
        }
      }
    }
    if (uid == null) {
      throw ApiException.badRequest("unable to find user " + ug[0] + ": no matching entries in passwd file");
    }
    if (ug.length == 2) {
      if (!ug[1].matches("\\d+")) {
        throw ApiException.badRequest("group " + ug[1] + " of user " + user + " must be numeric for copyUIDGID");
      }
      gid = Long.parseLong(ug[1]);
    }
    return new Long[] {uid, gid};
  }

  // ---- paths and stat ----

  /** Docker's absPath: "/" + path, cleaned, keeping a trailing "/" or "/.". */
  static String absPath(String path) {
    if (path == null || path.isEmpty()) {
      throw ApiException.badRequest("path must not be empty");
    }
    String clean = ScopedPaths.clean("/" + path);
    if (path.endsWith("/.") || path.equals(".")) {
      return clean.equals("/") ? "/." : clean + "/.";
    }
    if (path.endsWith("/") && !clean.equals("/")) {
      return clean + "/";
    }
    return clean;
  }

  /** The resolved container path: the directory part with its links followed, then the base name as it is. */
  static String resolvedPath(Path root, String abs) throws IOException {
    int slash = abs.lastIndexOf('/');
    String dir = abs.substring(0, slash + 1);
    String base = abs.substring(slash + 1);
    String resolvedDir = ScopedPaths.resolve(root, dir, true);
    if (base.isEmpty()) {
      return resolvedDir;
    }
    return resolvedDir.equals("/") ? "/" + base : resolvedDir + "/" + base;
  }

  /** Go's filepath.Base of the absolute path: the last element, "." for "/x/.", "/" for "/". */
  static String baseName(String abs) {
    String s = abs.replaceAll("/+$", "");
    if (s.isEmpty()) {
      return "/";
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private PathStat stat(Path root, String abs, String path, String idOrName) throws IOException {
    String resolved = resolvedPath(root, abs);
    Path host = ScopedPaths.host(root, resolved.endsWith("/.") ? resolved.substring(0, resolved.length() - 2) : resolved);
    Map<String, Object> a;
    try {
      a = Files.readAttributes(host, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw ApiException.notFound("Could not find the file " + path + " in container " + idOrName);
    }
    if (abs.endsWith("/") && !Files.isDirectory(host)) {
      throw ApiException.badRequest("not a directory: " + path); // Go: lstat "file/" fails with ENOTDIR
    }
    int mode = (Integer) a.get("mode");
    String linkTarget = "";
    if ((mode & 0170000) == 0120000) {
      linkTarget = ScopedPaths.resolve(root, abs, true);
    }
    return new PathStat(baseName(abs), (Long) a.get("size"), goFileMode(mode),
        ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant().toString(), linkTarget);
  }

  /** A stat(2) mode as Go's os.FileMode: type bits at the top, permissions and setuid/setgid/sticky moved. */
  static long goFileMode(int st) {
    long m = st & 0777;
    switch (st & 0170000) {
      case 0040000 -> m |= 1L << 31; // ModeDir
      case 0120000 -> m |= 1L << 27; // ModeSymlink
      case 0020000 -> m |= (1L << 26) | (1L << 21); // ModeDevice | ModeCharDevice
      case 0060000 -> m |= 1L << 26; // ModeDevice
      case 0010000 -> m |= 1L << 25; // ModeNamedPipe
      case 0140000 -> m |= 1L << 24; // ModeSocket
      default -> { }
    }
    if ((st & 04000) != 0) {
      m |= 1L << 23;
    }
    if ((st & 02000) != 0) {
      m |= 1L << 22;
    }
    if ((st & 01000) != 0) {
      m |= 1L << 20;
    }
    return m;
  }

  static String header(PathStat stat) {
    try {
      return Base64.getEncoder().encodeToString(Json.mapper().writeValueAsBytes(stat));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- tar ----

  /**
   * GNU tar over the resolved path, entries renamed to start with the requested base name
   * (a trailing "/" on a link to a directory archives the directory under the link's name).
   */
  static List<String> tarArgv(Path root, String abs) throws IOException {
    String resolved = resolvedPath(root, abs);
    String dir;
    String base;
    if (resolved.endsWith("/.") || resolved.equals("/")) {
      dir = resolved.equals("/") ? "/" : resolved.substring(0, resolved.length() - 2);
      base = ".";
    } else {
      int slash = resolved.lastIndexOf('/');
      dir = slash == 0 ? "/" : resolved.substring(0, slash);
      base = resolved.substring(slash + 1);
    }
    String rebase = baseName(abs).equals("/") ? "." : baseName(abs);
    List<String> argv = new ArrayList<>(List.of("tar", "--create", "--file=-", "--format=gnu", "--numeric-owner",
        "--directory=" + ScopedPaths.host(root, dir)));
    if (!rebase.equals(base)) {
      argv.add("--transform=s|^" + regex(base) + "|" + replacement(rebase) + "|S");
    }
    argv.add("--");
    argv.add(base);
    return argv;
  }

  private static String regex(String s) {
    return s.replaceAll("([.\\[\\]*^$\\\\|])", "\\\\$1");
  }

  private static String replacement(String s) {
    return s.replaceAll("([&\\\\|])", "\\\\$1");
  }

  private static void runTar(List<String> argv, OutputStream out) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try (InputStream e = p.getErrorStream()) {
        e.transferTo(err);
      } catch (IOException ignored) {
        // tar is gone
      }
    }, "archive-tar-stderr");
    drain.setDaemon(true);
    drain.start();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      p.destroyForcibly();
      throw e;
    }
    try {
      int code = p.waitFor();
      drain.join(1000);
      if (code > 1) { // 1: a file changed while it was read
        LOG.warning("`" + String.join(" ", argv) + "` failed with exit code " + code + ": " + err.toString(StandardCharsets.UTF_8).strip());
        throw new IOException("tar failed: " + err.toString(StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  // ---- roots ----

  /** A container's root directory on the host for the time of one call. */
  private interface Root extends AutoCloseable {
    Path path();

    @Override
    default void close() throws IOException {
      // a running container's root needs no unmount
    }

    default void closeQuietly() {
      try {
        close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "unmounting a container's rootfs after a copy failed", e);
      }
    }
  }

  private Root open(Container c, boolean write) {
    var running = c.running();
    if (running != null) {
      // "/." so that the root itself is the container's root directory, not the magic link to it
      Path p = Path.of("/proc", Long.toString(running.pid()), "root", ".");
      return () -> p;
    }
    try {
      return mountStopped(c, write);
    } catch (IOException e) {
      throw new ApiException(500, "could not mount the file system of the stopped container " + c.record().name() + ": " + e.getMessage(), e);
    }
  }

  private Root mountStopped(Container c, boolean write) throws IOException {
    Image image = images.require(c.record().imageId());
    Path upper = c.stateDir().resolve("upper");
    Files.createDirectories(mountsDir);
    Path mp = Files.createTempDirectory(mountsDir, c.record().id().substring(0, 12) + "-");
    List<Path> cleanup = new ArrayList<>(List.of(mp));
    String holder = "archive-" + mp.getFileName(); // volumes with driver options are mounted for the copy
    Root closer = new Root() {
      @Override
      public Path path() {
        return mp;
      }

      @Override
      public void close() throws IOException {
        unmountAll(mp);
        planner.release(holder, c.record().mounts());
        for (Path p : cleanup) {
          FileTrees.deleteTree(p);
        }
      }
    };
    try {
      List<Path> lowers = new ArrayList<>();
      if (!write && !mountSources(c.record()).isEmpty()) {
        // the runtime makes missing mount points in the upper dir, which goes when the container exits:
        // a read-only root gets them from a top layer of our own
        Path points = Files.createDirectories(Path.of(mp + ".mountpoints"));
        cleanup.add(points);
        for (Map.Entry<String, Path> e : mountSources(c.record()).entrySet()) {
          Path at = ScopedPaths.host(points, ScopedPaths.clean(e.getKey()));
          if (Files.isDirectory(e.getValue())) {
            Files.createDirectories(at);
          } else {
            Files.createDirectories(at.getParent());
            Files.createFile(at);
          }
        }
        lowers.add(points);
      }
      if (!write && Files.isDirectory(upper)) {
        lowers.add(upper);
      }
      lowers.addAll(image.lowerDirsTopFirst());
      for (Path p : lowers) {
        if (p.toString().contains(",") || p.toString().contains(":")) {
          throw new IOException("layer dir " + p + " has a ',' or ':' in its path, which overlayfs options cannot carry");
        }
      }
      String lower = lowers.stream().map(Path::toString).collect(Collectors.joining(":"));
      if (write) {
        Files.createDirectories(upper);
        Path work = Files.createTempDirectory(c.stateDir(), "archive-work-");
        cleanup.add(work);
        if (lowers.isEmpty()) {
          Path empty = Files.createDirectories(Path.of(mp + ".empty"));
          cleanup.add(empty);
          lower = empty.toString();
        }
        mount(List.of("-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, mp.toString()));
      } else if (lowers.size() == 1) {
        mount(List.of("--bind", "-o", "ro", lower, mp.toString()));
      } else if (lowers.size() > 1) {
        mount(List.of("-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lower, mp.toString()));
      }
      planner.acquireVolumes(holder, c.record().mounts());
      bindVolumes(c.record(), mp);
      return closer;
    } catch (IOException | RuntimeException e) {
      closer.closeQuietly();
      throw e;
    }
  }

  /** The host sources of the container's volume and bind mounts by target, shallowest first (those that exist). */
  private Map<String, Path> mountSources(ContainerRecord r) {
    List<MountPlanner.PlannedMount> ms = new ArrayList<>(r.mounts());
    ms.sort(Comparator.comparingInt(m -> ScopedPaths.clean(m.target()).split("/").length));
    Map<String, Path> out = new java.util.LinkedHashMap<>();
    for (MountPlanner.PlannedMount m : ms) {
      Path source = switch (m.type()) {
        case "volume" -> planner.volumeSource(m).orElse(null);
        case "bind" -> m.source();
        default -> null;
      };
      if (source != null && Files.exists(source)) {
        out.put(m.target(), source);
      }
    }
    return out;
  }

  /** The container's volume and bind mounts at their targets, shallowest first (missing targets made, as the runtime does). */
  private void bindVolumes(ContainerRecord r, Path mp) throws IOException {
    Map<String, Path> sources = mountSources(r);
    for (MountPlanner.PlannedMount m : r.mounts().stream()
        .filter(m -> sources.containsKey(m.target()))
        .sorted(Comparator.comparingInt(m -> ScopedPaths.clean(m.target()).split("/").length)).toList()) {
      Path source = sources.get(m.target());
      Path target = ScopedPaths.host(mp, ScopedPaths.resolve(mp, ScopedPaths.clean(m.target()), true));
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try {
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.createFile(target);
          }
        } catch (IOException e) {
          continue; // a read-only root without the mount point
        }
      }
      if (Files.isDirectory(source) != Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      mount(m.readOnly() ? List.of("--bind", "-o", "ro", source.toString(), target.toString())
          : List.of("--bind", source.toString(), target.toString()));
    }
  }

  private static void mount(List<String> args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("mount"));
    argv.addAll(args);
    HostCommand.Result r = HostCommand.runAllowingFailure(argv, new byte[0]);
    if (!r.ok()) {
      throw new IOException("`" + String.join(" ", argv) + "` failed: " + r.stderr().strip());
    }
  }

  /** Unmounts {@code mp} and everything below it, if anything is mounted there. */
  private static void unmountAll(Path mp) throws IOException {
    if (dev.jcompose.linux.proc.MountInfo.readSelf().stream().noneMatch(m -> m.isAtOrBelow(mp.toString()))) {
      return;
    }
    HostCommand.Result r = HostCommand.runAllowingFailure(List.of("umount", "-R", mp.toString()), new byte[0]);
    if (!r.ok()) {
      HostCommand.Result lazy = HostCommand.runAllowingFailure(List.of("umount", "-R", "-l", mp.toString()), new byte[0]);
      if (!lazy.ok()) {
        throw new IOException("could not unmount " + mp + ": " + r.stderr().strip());
      }
    }
  }

  /** Mounts an engine killed during a copy left behind. */
  private void removeLeftovers() {
    if (!Files.isDirectory(mountsDir)) {
      return;
    }
    try (Stream<Path> s = Files.list(mountsDir)) {
      for (Path p : s.toList()) {
        unmountAll(p);
        FileTrees.deleteTree(p);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "removing what copies left in " + mountsDir + " failed", e);
    }
  }
}
