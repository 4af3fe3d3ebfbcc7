package dev.jcompose.linux.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarHeaderWriterTest {

  @Test
  void entries_areListedByGnuTar(@TempDir Path tmp) throws Exception {
    TarHeaderWriter w = new TarHeaderWriter();
    String longName = "d/" + "x".repeat(150);
    w.entry("d", TarHeaderWriter.DIRECTORY, 0750, 1000, 1000, 0, 0, Map.of("SCHILY.xattr.user.note", "y"));
    w.entry(longName, TarHeaderWriter.CHAR_DEVICE, 0, 0, 0, 0, 0, Map.of());
    Path tar = tmp.resolve("t.tar");
    Files.write(tar, w.finish());
    String listing = HostCommand.run(List.of("tar", "-tvf", tar.toString(), "--numeric-owner")).stdout();
    assertTrue(listing.contains("drwxr-x--- 1000/1000"), listing);
    assertTrue(listing.contains("crw------- 0/0") || listing.contains("c--------- 0/0"), listing);
    assertTrue(listing.contains(longName), listing);
    assertEquals(2, listing.strip().split("\n").length, listing);
  }
}
