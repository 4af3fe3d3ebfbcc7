package dev.jcompose.linux.tar;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a directory as an uncompressed OCI image layer: typically the overlayfs upper directory
 * a build step left, whose whiteouts become OCI whiteouts ({@link WhiteoutConverter}).
 *
 * <p>GNU tar reads the tree, because it reads every xattr ({@code security.capability},
 * {@code trusted.overlay.opaque}) and device number, which Java cannot. Its PAX stream is
 * rewritten here member by member, content passed through unbuffered, into the layout
 * Docker writes: names relative to the directory without "./" (directories end in "/"),
 * sorted by name depth first, numeric owners, whole-second mtimes and no atime/ctime, so that
 * the same tree always gives the same bytes and the same diff id.
 */
public final class LayerArchiver {
  private static final int BUFFER = 1 << 16;

  private LayerArchiver() {}

  /**
   * Writes {@code dir}'s contents (not {@code dir} itself) as a layer tar to {@code out}, which
   * is flushed but not closed.
   *
   * @return the sha256 and length of the bytes written
   * @throws LayerArchiveException when tar fails, or the tree cannot be a layer (an overlay
   *     mounted with redirect_dir or metacopy), or {@code out} cannot be written
   */
  public static ArchivedLayer write(Path dir, OutputStream out) {
    if (!Files.isDirectory(dir)) {
      throw new LayerArchiveException(dir, "it is not a directory", List.of(), -1, "", null);
    }
    List<String> argv = List.of("tar", "--create", "--file=-", "--format=pax", "--xattrs", "--xattrs-include=*",
        "--numeric-owner", "--sort=name", "--warning=no-file-ignored", "--directory=" + dir, ".");
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("LC_ALL", "C"); // names are bytes; no conversion by locale
    Process tar;
    try {
      tar = pb.start();
    } catch (IOException e) {
      throw new LayerArchiveException(dir, "could not start tar: " + e.getMessage() + " (is GNU tar installed?)", argv, -1, "", e);
    }
    StderrCollector stderr = new StderrCollector(tar.getErrorStream());
    HashingStream hashed = new HashingStream(out);
    Exception failure = null;
    try (InputStream tarOut = tar.getInputStream()) {
      OutputStream buffered = new BufferedOutputStream(hashed, BUFFER);
      rewrite(new TarEntryReader(tarOut), buffered);
      tarOut.transferTo(OutputStream.nullOutputStream()); // the rest of tar's last record
      buffered.flush();
    } catch (IOException | RuntimeException e) {
      failure = e;
      tar.destroyForcibly();
    }
    int exit;
    try {
      exit = tar.waitFor();
    } catch (InterruptedException e) {
      tar.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LayerArchiveException(dir, "interrupted", argv, -1, "", e);
    }
    String err = stderr.join();
    if (failure != null) {
      String why = failure.getMessage() + (err.isEmpty() ? "" : " (tar: " + err + ")");
      throw new LayerArchiveException(dir, why, argv, exit, err, failure);
    }
    if (exit != 0) {
      throw new LayerArchiveException(dir, "`" + String.join(" ", argv) + "` exited with code " + exit + ": " + err,
          argv, exit, err, null);
    }
    return new ArchivedLayer("sha256:" + HexFormat.of().formatHex(hashed.sha.digest()), hashed.count);
  }

  private static void rewrite(TarEntryReader reader, OutputStream out) throws IOException {
    WhiteoutConverter converter = new WhiteoutConverter();
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      List<TarEntry> members = converter.convert(e);
      for (int i = 0; i < members.size(); i++) {
        TarEntry m = members.get(i);
        TarEntryWriter.writeHeader(m, out);
        if (i == 0 && m.hasContent() && e.hasContent() && m.size() == e.size()) {
          reader.copyContent(out);
          TarEntryWriter.pad(out, m.size());
        } else if (m.hasContent() && m.size() != 0) {
          throw new IllegalStateException("no content for " + TarEntry.text(m.name()));
        }
      }
    }
    TarEntryWriter.finish(out);
  }

  /** Counts and hashes what passes to the caller's stream. */
  private static final class HashingStream extends FilterOutputStream {
    private final MessageDigest sha;
    private long count;

    HashingStream(OutputStream out) {
      super(out);
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }

  /** Reads a process's stderr on its own thread, so that a chatty tar never blocks on a full pipe. */
  private static final class StderrCollector {
    private final Thread thread;
    private volatile String text = "";

    StderrCollector(InputStream err) {
      thread = new Thread(() -> {
        try (err) {
          text = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          text = "(reading tar's stderr failed: " + e.getMessage() + ")";
        }
      }, "layer-archiver-stderr");
      thread.setDaemon(true);
      thread.start();
    }

    String join() {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return text;
    }
  }
}
