package dev.jcompose.cli.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The build context as the docker CLI sends it to {@code POST /build}: a tar of the context
 * directory, filtered by its {@code .dockerignore}.
 *
 * <p>Entries are named relative to the context, in the order of Go's {@code filepath.Walk}
 * (each directory before its contents, names sorted bytewise), with uid/gid 0 and no user
 * names, mode and mtime (whole seconds) from the file, symlinks stored as symlinks, a second
 * hardlink to a file stored as a hardlink. The Dockerfile and {@code .dockerignore} are sent even
 * when {@code .dockerignore} excludes them. A Dockerfile outside the context, or an inline one,
 * is added as {@code .dockerfile.<12 hex of its sha256>} and, as the docker CLI does, that name
 * is appended to the archived {@code .dockerignore} so the engine keeps it out of {@code COPY .}.
 *
 * <p>{@link #prepare} walks the context first, so a missing or unreadable path fails before any
 * byte is sent and the {@code dockerfile} query parameter is known before the request starts;
 * {@link #writeTo} then streams the tar.
 */
public final class BuildContextArchive {

  /** What was sent: the name to pass as {@code dockerfile}, the entry count and tar bytes. */
  public record Result(String dockerfile, int entries, long bytes) {}

  private static final String DOCKERIGNORE = ".dockerignore";
  private static final String DEFAULT_DOCKERFILE = "Dockerfile";
  private static final int GENERATED_MODE = 0600;

  private final String dockerfileName;
  private final List<ContextEntry> entries;

  private BuildContextArchive(String dockerfileName, List<ContextEntry> entries) {
    this.dockerfileName = dockerfileName;
    this.entries = List.copyOf(entries);
  }

  /**
   * Walks {@code contextDir} for a build with the given Dockerfile: relative to the context as
   * in Compose's {@code build.dockerfile}, or absolute; null or empty means {@code Dockerfile}.
   *
   * @throws BuildContextException if the context or Dockerfile is missing, or something in the
   *     context cannot be read
   */
  public static BuildContextArchive prepare(Path contextDir, String dockerfile) {
    Path context = realContext(contextDir);
    DockerIgnore ignore = readIgnore(context);
    Path dockerfilePath = locateDockerfile(context, dockerfile);
    if (dockerfilePath.startsWith(context)) {
      String relative = slashPath(context.relativize(dockerfilePath));
      List<ContextEntry> entries = ContextWalker.walk(context, ignore, Set.of(DOCKERIGNORE, relative), null);
      return new BuildContextArchive(relative, entries);
    }
    return withGeneratedDockerfile(context, ignore, readDockerfile(dockerfilePath), mtimeOf(dockerfilePath));
  }

  /** Walks {@code contextDir} for a build whose Dockerfile is given inline (Compose {@code dockerfile_inline}). */
  public static BuildContextArchive prepare(Path contextDir, byte[] inlineDockerfile) {
    Path context = realContext(contextDir);
    return withGeneratedDockerfile(context, readIgnore(context), inlineDockerfile.clone(), 0);
  }

  /** {@link #prepare(Path, String)} then {@link #writeTo(OutputStream)}. */
  public static Result write(Path contextDir, String dockerfile, OutputStream out) throws IOException {
    return prepare(contextDir, dockerfile).writeTo(out);
  }

  /** {@link #prepare(Path, byte[])} then {@link #writeTo(OutputStream)}. */
  public static Result write(Path contextDir, byte[] inlineDockerfile, OutputStream out) throws IOException {
    return prepare(contextDir, inlineDockerfile).writeTo(out);
  }

  /** The Dockerfile's name inside the archive: the {@code dockerfile} query parameter of {@code POST /build}. */
  public String dockerfileName() {
    return dockerfileName;
  }

  /** How many entries the archive will hold. */
  public int entryCount() {
    return entries.size();
  }

  /** The entry names in archive order (directories end with {@code /}). */
  public List<String> entryNames() {
    return entries.stream().map(e -> e.header().name()).toList();
  }

  /**
   * Streams the tar to {@code out}, which is flushed but not closed.
   *
   * @throws BuildContextException if a file vanished, shrank or became unreadable since
   *     {@link #prepare}
   * @throws IOException if writing to {@code out} fails
   */
  public Result writeTo(OutputStream out) throws IOException {
    // headers and padding are small writes; file data above 64 KiB goes straight through
    TarWriter tar = new TarWriter(new BufferedOutputStream(out, 64 * 1024));
    for (ContextEntry entry : entries) {
      tar.writeHeader(entry.header());
      if (entry.content() != null) {
        tar.writeData(entry.content());
      } else if (entry.header().type() == TarHeader.REGULAR && entry.header().size() > 0) {
        copyFile(tar, entry);
      }
    }
    tar.finish();
    return new Result(dockerfileName, entries.size(), tar.written());
  }

  private static void copyFile(TarWriter tar, ContextEntry entry) throws IOException {
    Path source = entry.source();
    InputStream in;
    try {
      in = Files.newInputStream(source);
    } catch (AccessDeniedException e) {
      throw new BuildContextException(source, "error sending build context: no permission to read from '"
          + source + "'; fix its permissions or exclude it in .dockerignore", e);
    } catch (NoSuchFileException e) {
      throw new BuildContextException(source, "error sending build context: '" + source
          + "' was removed while the context was being sent; run the build again", e);
    }
    try (in) {
      // A file that grew since prepare() is cut at the size in its header, keeping the tar valid.
      long sent = tar.writeData(in, entry.header().size());
      if (sent < entry.header().size()) {
        throw new BuildContextException(source, "error sending build context: '" + source
            + "' became shorter while it was being sent (" + sent + " of " + entry.header().size()
            + " bytes); stop whatever is changing it, or exclude it in .dockerignore");
      }
    }
  }

  private static BuildContextArchive withGeneratedDockerfile(
      Path context, DockerIgnore ignore, byte[] dockerfile, long mtime) {
    String name = ".dockerfile." + sha256Hex(dockerfile).substring(0, 12);
    ContextEntry generated = new ContextEntry(
        TarHeader.file(name, GENERATED_MODE, dockerfile.length, mtime), null, dockerfile);
    List<ContextEntry> entries = new ArrayList<>(ContextWalker.walk(context, ignore, Set.of(DOCKERIGNORE), name));
    entries.add(generated);
    // Like the docker CLI's AddDockerfileToBuildContext: list the generated file in
    // .dockerignore, so the engine drops it from the context after reading it.
    int ignoreAt = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).header().name().equals(DOCKERIGNORE)) {
        ignoreAt = i;
      }
    }
    if (ignoreAt < 0) {
      byte[] content = (DOCKERIGNORE + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
      entries.add(new ContextEntry(TarHeader.file(DOCKERIGNORE, GENERATED_MODE, content.length, 0), null, content));
    } else if (entries.get(ignoreAt).header().type() == TarHeader.REGULAR) {
      ContextEntry existing = entries.get(ignoreAt);
      byte[] content = appendLine(readAll(existing.source()), name);
      TarHeader h = existing.header();
      entries.set(ignoreAt, new ContextEntry(new TarHeader(h.name(), h.type(), h.mode(), 0, 0, content.length,
          h.mtime(), "", 0, 0), null, content));
    }
    return new BuildContextArchive(name, entries);
  }

  private static Path realContext(Path contextDir) {
    if (!Files.exists(contextDir)) {
      throw new BuildContextException(contextDir, "unable to prepare context: path \"" + contextDir
          + "\" not found; check build.context in the compose file (relative paths start at the project directory)");
    }
    if (!Files.isDirectory(contextDir)) {
      throw new BuildContextException(contextDir, "unable to prepare context: context must be a directory: "
          + contextDir + "; point build.context at the directory that holds the sources");
    }
    try {
      return contextDir.toRealPath();
    } catch (IOException e) {
      throw new BuildContextException(contextDir, "unable to prepare context: can't resolve " + contextDir + ": " + e, e);
    }
  }

  private static DockerIgnore readIgnore(Path context) {
    Path file = context.resolve(DOCKERIGNORE);
    try {
      return DockerIgnore.read(context);
    } catch (AccessDeniedException e) {
      throw new BuildContextException(file, "unable to prepare context: no permission to read " + file
          + "; fix its permissions", e);
    } catch (IOException e) {
      throw new BuildContextException(file, "unable to prepare context: can't read " + file + ": " + e, e);
    } catch (IllegalArgumentException e) {
      // the message starts ".dockerignore:LINE:"; prefix the directory to give the full path
      throw new BuildContextException(file, "unable to prepare context: " + context + "/" + e.getMessage()
          + "; fix or remove that line", e);
    }
  }

  private static Path locateDockerfile(Path context, String dockerfile) {
    boolean byDefault = dockerfile == null || dockerfile.isBlank();
    Path given = context.resolve(byDefault ? DEFAULT_DOCKERFILE : dockerfile);
    if (byDefault && !Files.exists(given) && Files.exists(context.resolve("dockerfile"))) {
      given = context.resolve("dockerfile"); // the docker CLI accepts the lowercase name too
    }
    Path real;
    try {
      real = given.toRealPath();
    } catch (NoSuchFileException e) {
      throw new BuildContextException(given, "Cannot locate specified Dockerfile: " + given.normalize()
          + "; check build.dockerfile (a relative path starts at the build context " + context + ")", e);
    } catch (IOException e) {
      throw new BuildContextException(given, "unable to resolve Dockerfile path " + given + ": " + e, e);
    }
    if (Files.isDirectory(real)) {
      throw new BuildContextException(real, "the Dockerfile " + real
          + " is a directory; set build.dockerfile to the file inside it");
    }
    return real;
  }

  private static byte[] readDockerfile(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (AccessDeniedException e) {
      throw new BuildContextException(path, "no permission to read the Dockerfile " + path + "; fix its permissions", e);
    } catch (IOException e) {
      throw new BuildContextException(path, "can't read the Dockerfile " + path + ": " + e, e);
    }
  }

  private static byte[] readAll(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new BuildContextException(path, "can't read " + path + ": " + e + "; fix its permissions", e);
    }
  }

  private static long mtimeOf(Path path) {
    try {
      return Files.getLastModifiedTime(path).to(TimeUnit.SECONDS);
    } catch (IOException e) {
      return 0;
    }
  }

  private static byte[] appendLine(byte[] content, String line) {
    byte[] tail = ("\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[content.length + tail.length];
    System.arraycopy(content, 0, out, 0, content.length);
    System.arraycopy(tail, 0, out, content.length, tail.length);
    return out;
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static String slashPath(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }
}
