package dev.jcompose.cli.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextArchiveTest {

  private static final long MTIME = 1_700_000_000L;

  @TempDir Path tmp;

  private Path context() throws IOException {
    return Files.createDirectories(tmp.resolve("ctx"));
  }

  private static Path file(Path root, String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setLastModifiedTime(p, FileTime.from(MTIME, TimeUnit.SECONDS));
    return p;
  }

  private static byte[] tar(Path context, String dockerfile) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextArchive.Result result = BuildContextArchive.write(context, dockerfile, out);
    assertEquals(out.size(), result.bytes());
    return out.toByteArray();
  }

  @Test
  void write_entriesAreContextRelative_inWalkOrder_withDirectories() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    file(ctx, "src/main.go", "package main\n");
    file(ctx, "src/a/b.txt", "b");
    file(ctx, "z.txt", "z");
    file(ctx, "src-other.txt", "dash sorts before slash-children? no: names are sorted per directory");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextArchive.Result result = BuildContextArchive.write(ctx, (String) null, out);
    List<TarReading.Entry> entries = TarReading.read(out.toByteArray());

    assertEquals(List.of("Dockerfile", "src/", "src/a/", "src/a/b.txt", "src/main.go", "src-other.txt", "z.txt"),
        TarReading.names(entries));
    assertEquals(new BuildContextArchive.Result("Dockerfile", 7, out.size()), result);
    assertEquals("package main\n", TarReading.find(entries, "src/main.go").text());
    assertEquals('5', TarReading.find(entries, "src/").type());
  }

  @Test
  void write_namesSortBytewiseOnUtf8_likeGo() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    String emoji = "\uD83D\uDE00.txt"; // U+1F600: F0 9F 98 80, after U+FF21 in UTF-8, before it in UTF-16
    String fullwidth = "\uFF21.txt"; // U+FF21: EF BC A1
    file(ctx, emoji, "e");
    file(ctx, fullwidth, "f");
    file(ctx, "a.txt", "a");

    assertEquals(List.of("Dockerfile", "a.txt", fullwidth, emoji),
        BuildContextArchive.prepare(ctx, "Dockerfile").entryNames());
  }

  @Test
  void write_headersCarryModeMtimeAndRootOwner() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    Path script = file(ctx, "run.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x--x"));
    Files.setLastModifiedTime(script, FileTime.from(MTIME + 42, TimeUnit.SECONDS));

    TarReading.Entry entry = TarReading.find(TarReading.read(tar(ctx, "Dockerfile")), "run.sh");
    assertEquals(0751, entry.mode());
    assertEquals(MTIME + 42, entry.mtime());
    assertEquals(0, entry.uid());
    assertEquals(0, entry.gid());
    assertEquals("", entry.uname());
    assertEquals("ustar", entry.magic());
    assertEquals('0', entry.type());
    assertEquals(10, entry.size());
  }

  @Test
  void write_dockerignore_excludesFilesAndSkipsDirectories_exceptionReincludesInside() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    file(ctx, ".dockerignore", "# build output\n*.log\nbuild\n!build/keep.txt\nnode_modules\n.git\n**/*.tmp\n");
    file(ctx, "app.log", "x");
    file(ctx, "src/app.log", "kept: *.log is top-level only");
    file(ctx, "src/x.tmp", "x");
    file(ctx, "build/keep.txt", "keep");
    file(ctx, "build/drop.txt", "drop");
    file(ctx, "node_modules/left-pad/index.js", "x");
    file(ctx, ".git/HEAD", "ref");

    List<String> names = TarReading.names(TarReading.read(tar(ctx, null)));

    assertEquals(List.of(".dockerignore", "Dockerfile", "build/keep.txt", "src/", "src/app.log"), names);
  }

  @Test
  void write_dockerfileAndDockerignoreAlwaysSent_evenWhenExcluded() throws IOException {
    Path ctx = context();
    file(ctx, ".dockerignore", "*\n.dockerignore\ndocker\n");
    file(ctx, "docker/Dockerfile.dev", "FROM busybox\n");
    file(ctx, "docker/other", "x");
    file(ctx, "src/main.go", "x");

    BuildContextArchive archive = BuildContextArchive.prepare(ctx, "docker/Dockerfile.dev");

    assertEquals("docker/Dockerfile.dev", archive.dockerfileName());
    assertEquals(List.of(".dockerignore", "docker/Dockerfile.dev"), archive.entryNames());
  }

  @Test
  void write_dockerfileOutsideContext_addedUnderGeneratedName() throws IOException {
    Path ctx = context();
    file(ctx, "app.txt", "app");
    Path outside = file(tmp, "other/Dockerfile", "FROM alpine\nCOPY . /app\n");
    String expectedName = ".dockerfile." + BuildContextArchive.sha256Hex(Files.readAllBytes(outside)).substring(0, 12);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextArchive.Result result = BuildContextArchive.write(ctx, "../other/Dockerfile", out);
    List<TarReading.Entry> entries = TarReading.read(out.toByteArray());

    assertEquals(expectedName, result.dockerfile());
    assertTrue(result.dockerfile().matches("\\.dockerfile\\.[0-9a-f]{12}"), result.dockerfile());
    assertEquals(List.of("app.txt", expectedName, ".dockerignore"), TarReading.names(entries));
    TarReading.Entry dockerfile = TarReading.find(entries, expectedName);
    assertEquals("FROM alpine\nCOPY . /app\n", dockerfile.text());
    assertEquals(0600, dockerfile.mode());
    // like the docker CLI, the generated name is listed in .dockerignore so COPY . skips it
    assertEquals(".dockerignore\n" + expectedName + "\n", TarReading.find(entries, ".dockerignore").text());

    // an absolute path names the same file
    assertEquals(expectedName, BuildContextArchive.prepare(ctx, outside.toString()).dockerfileName());
  }

  @Test
  void write_dockerfileOutsideContext_appendsToExistingDockerignore() throws IOException {
    Path ctx = context();
    file(ctx, ".dockerignore", "*.log");
    file(ctx, "a.log", "x");
    file(tmp, "Dockerfile.outside", "FROM alpine\n");

    List<TarReading.Entry> entries = TarReading.read(tar(ctx, tmp.resolve("Dockerfile.outside").toString()));
    String name = BuildContextArchive.prepare(ctx, "../Dockerfile.outside").dockerfileName();

    assertEquals(List.of(".dockerignore", name), TarReading.names(entries));
    assertEquals("*.log\n" + name + "\n", TarReading.find(entries, ".dockerignore").text());
  }

  @Test
  void write_inlineDockerfile_addedUnderGeneratedName() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM ignored-on-disk\n");
    byte[] inline = "FROM busybox\nRUN echo inline\n".getBytes(StandardCharsets.UTF_8);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextArchive.Result result = BuildContextArchive.write(ctx, inline, out);
    List<TarReading.Entry> entries = TarReading.read(out.toByteArray());

    assertEquals(".dockerfile." + BuildContextArchive.sha256Hex(inline).substring(0, 12), result.dockerfile());
    assertArrayEquals(inline, TarReading.find(entries, result.dockerfile()).data());
    assertEquals(List.of("Dockerfile", result.dockerfile(), ".dockerignore"), TarReading.names(entries));
    assertEquals(3, result.entries());
  }

  @Test
  void write_symlinksStaySymlinks_andAreNotFollowed() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    file(ctx, "src/target.txt", "t");
    Files.createSymbolicLink(ctx.resolve("link.txt"), Path.of("src/target.txt"));
    Files.createSymbolicLink(ctx.resolve("srclink"), Path.of("src"));
    Files.createSymbolicLink(ctx.resolve("dangling"), Path.of("/nowhere/at/all"));

    List<TarReading.Entry> entries = TarReading.read(tar(ctx, null));

    assertEquals(List.of("Dockerfile", "dangling", "link.txt", "src/", "src/target.txt", "srclink"),
        TarReading.names(entries));
    TarReading.Entry link = TarReading.find(entries, "link.txt");
    assertEquals('2', link.type());
    assertEquals("src/target.txt", link.link());
    assertEquals(0, link.size());
    assertEquals("src", TarReading.find(entries, "srclink").link());
    assertEquals("/nowhere/at/all", TarReading.find(entries, "dangling").link());
  }

  @Test
  void write_secondHardlinkIsAHardlinkEntry() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    Path first = file(ctx, "a.bin", "same inode");
    Files.createLink(ctx.resolve("b.bin"), first);

    List<TarReading.Entry> entries = TarReading.read(tar(ctx, null));

    assertEquals('0', TarReading.find(entries, "a.bin").type());
    TarReading.Entry second = TarReading.find(entries, "b.bin");
    assertEquals('1', second.type());
    assertEquals("a.bin", second.link());
    assertEquals(0, second.size());
  }

  @Test
  void write_longAndNonAsciiNames_usePaxOrUstarPrefix() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    String deep = "d".repeat(90) + "/" + "e".repeat(90) + "/file.txt"; // > 100, splits into prefix + name
    String longBase = "dir/" + "f".repeat(140) + ".txt"; // base name > 100: needs PAX
    String unicode = "caf\u00e9/\u00fcber.txt";
    file(ctx, deep, "deep");
    file(ctx, longBase, "long");
    file(ctx, unicode, "unicode");
    Files.createSymbolicLink(ctx.resolve("longlink"), Path.of("x".repeat(120)));

    List<TarReading.Entry> entries = TarReading.read(tar(ctx, null));

    assertEquals("deep", TarReading.find(entries, deep).text());
    assertEquals("long", TarReading.find(entries, longBase).text());
    assertEquals("unicode", TarReading.find(entries, unicode).text());
    assertEquals("x".repeat(120), TarReading.find(entries, "longlink").link());
  }

  @Test
  void write_isByteForByteDeterministic() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    for (int i = 0; i < 50; i++) {
      file(ctx, "dir" + (i % 5) + "/file" + i + ".txt", "content " + i);
    }
    file(ctx, ".dockerignore", "dir4\n");

    assertArrayEquals(tar(ctx, null), tar(ctx, null));
    byte[] inline = "FROM x\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    BuildContextArchive.write(ctx, inline, a);
    BuildContextArchive.write(ctx, inline, b);
    assertArrayEquals(a.toByteArray(), b.toByteArray());
  }

  @Test
  void write_gnuTarReadsTheArchive() throws Exception {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    String longBase = "dir/" + "g".repeat(150);
    file(ctx, longBase, "long");
    file(ctx, "caf\u00e9.txt", "unicode");
    Files.createSymbolicLink(ctx.resolve("link"), Path.of("Dockerfile"));
    Path archive = tmp.resolve("ctx.tar");
    Files.write(archive, tar(ctx, null));

    Process tar = new ProcessBuilder("tar", "--quoting-style=literal", "-tf", archive.toString())
        .redirectErrorStream(true).start();
    String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), listing);
    assertEquals(List.of("Dockerfile", "caf\u00e9.txt", "dir/", longBase, "link"), List.of(listing.split("\n")));

    Path extracted = Files.createDirectories(tmp.resolve("out"));
    Process x = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", extracted.toString())
        .redirectErrorStream(true).start();
    String err = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, x.waitFor(), err);
    assertEquals("long", Files.readString(extracted.resolve(longBase)));
    assertEquals(Path.of("Dockerfile"), Files.readSymbolicLink(extracted.resolve("link")));
  }

  @Test
  void prepare_missingContext_namesThePath() {
    Path missing = tmp.resolve("nope");
    BuildContextException e = assertThrows(BuildContextException.class,
        () -> BuildContextArchive.prepare(missing, "Dockerfile"));
    assertEquals("unable to prepare context: path \"" + missing + "\" not found; check build.context in the"
        + " compose file (relative paths start at the project directory)", e.getMessage());
    assertEquals(missing, e.path());
  }

  @Test
  void prepare_contextIsAFile_saysSo() throws IOException {
    Path f = file(tmp, "plain.txt", "x");
    BuildContextException e = assertThrows(BuildContextException.class, () -> BuildContextArchive.prepare(f, (String) null));
    assertTrue(e.getMessage().startsWith("unable to prepare context: context must be a directory: " + f),
        e.getMessage());
  }

  @Test
  void prepare_missingDockerfile_saysWhereItLooked() throws IOException {
    Path ctx = context();
    BuildContextException e = assertThrows(BuildContextException.class,
        () -> BuildContextArchive.prepare(ctx, "docker/Dockerfile"));
    assertEquals("Cannot locate specified Dockerfile: " + ctx.toRealPath().resolve("docker/Dockerfile")
        + "; check build.dockerfile (a relative path starts at the build context " + ctx.toRealPath() + ")",
        e.getMessage());
  }

  @Test
  void prepare_lowercaseDockerfileIsTheDefaultFallback() throws IOException {
    Path ctx = context();
    file(ctx, "dockerfile", "FROM busybox\n");
    assertEquals("dockerfile", BuildContextArchive.prepare(ctx, (String) null).dockerfileName());
  }

  @Test
  void prepare_badDockerignoreLine_namesFileAndLine() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    file(ctx, ".dockerignore", "ok\n[oops\n");
    BuildContextException e = assertThrows(BuildContextException.class, () -> BuildContextArchive.prepare(ctx, (String) null));
    assertEquals("unable to prepare context: " + ctx.toRealPath() + "/.dockerignore:2: syntax error in pattern"
        + " \"[oops\": unclosed [ class; fix or remove that line", e.getMessage());
  }

  @Test
  void prepare_unreadableFile_failsBeforeSending() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file; run as a normal user");
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    Path secret = file(ctx, "secret.key", "x");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    BuildContextException e = assertThrows(BuildContextException.class, () -> BuildContextArchive.prepare(ctx, (String) null));
    assertEquals("error checking context: no permission to read from '" + ctx.toRealPath().resolve("secret.key")
        + "'; fix its permissions or exclude it in .dockerignore", e.getMessage());
    file(ctx, ".dockerignore", "secret.key\n");
    assertFalse(BuildContextArchive.prepare(ctx, (String) null).entryNames().contains("secret.key"));
  }

  /**
   * Not a timed assertion: archives a 5,000-file context and prints how long it took (the
   * figure quoted in the hand-over note).
   */
  @Test
  void write_fiveThousandFiles() throws IOException {
    Path ctx = context();
    file(ctx, "Dockerfile", "FROM busybox\n");
    byte[] body = new byte[1024];
    List<Path> dirs = new ArrayList<>();
    for (int d = 0; d < 50; d++) {
      dirs.add(Files.createDirectories(ctx.resolve("pkg" + d + "/sub")));
    }
    for (int i = 0; i < 5000; i++) {
      Files.write(dirs.get(i % 50).resolve("f" + i + ".dat"), body);
    }
    for (int run = 0; run < 3; run++) {
      long start = System.nanoTime();
      CountingSink sink = new CountingSink();
      BuildContextArchive.Result result = BuildContextArchive.write(ctx, (String) null, sink);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1 + 100 + 5000, result.entries());
      assertEquals(sink.count, result.bytes());
      System.out.printf("build context: %d entries, %d bytes in %d ms (run %d)%n",
          result.entries(), result.bytes(), millis, run + 1);
    }
  }

  private static final class CountingSink extends java.io.OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
