package dev.jcompose.linux.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TarEntryWriterTest {

  private static TarEntry roundTrip(TarEntry e, ByteArrayOutputStream out) throws Exception {
    TarEntryWriter.writeHeader(e, out);
    return new TarEntryReader(new ByteArrayInputStream(out.toByteArray())).next();
  }

  @Test
  void writeHeader_valuesTooLargeForUstar_goToPaxRecords() throws Exception {
    TreeMap<String, byte[]> xattrs = new TreeMap<>();
    xattrs.put("security.capability", new byte[] {1, 0, 0, 2, 0, 4, 0, 0, '\n', '='});
    String link = TarEntry.raw("t/" + "é".repeat(80));
    TarEntry e = new TarEntry("big", TarEntry.FILE, 0644, 3_000_000, 4_000_000, -5, 10L << 30, "", 0, 0, xattrs);
    TarEntry l = new TarEntry("l", TarEntry.SYMLINK, 0777, 0, 0, 1L << 40, 0, link, 0, 0, new TreeMap<>());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarEntry back = roundTrip(e, out);
    TarEntry backLink = roundTrip(l, new ByteArrayOutputStream());

    assertEquals(10L << 30, back.size());
    assertEquals(3_000_000, back.uid());
    assertEquals(4_000_000, back.gid());
    assertEquals(-5, back.mtime());
    assertArrayEquals(xattrs.get("security.capability"), back.xattrs().get("security.capability"));
    assertEquals(link, backLink.linkName());
    assertEquals(1L << 40, backLink.mtime());
    String text = out.toString(StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("PaxHeaders.0/big\0"), text);
    assertTrue(text.contains(" gid=4000000\n"), text);
  }

  @Test
  void writeHeader_shortAsciiName_hasNoPaxHeader() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarEntry back = roundTrip(TarEntry.of("etc/", TarEntry.DIRECTORY, 0755, 1, 2, 1_700_000_000), out);

    assertEquals(512, out.size());
    assertEquals("etc/", back.name());
    assertEquals(1_700_000_000, back.mtime());
    assertEquals(0755, back.mode());
  }

  @Test
  void paxRecords_lengthCountsItsOwnDigits() throws Exception {
    TreeMap<String, byte[]> records = new TreeMap<>();
    records.put("path", "x".repeat(91).getBytes(StandardCharsets.US_ASCII)); // " path=" + 91 + "\n" = 98 bytes: 2 digits make 100, so 3: 101

    byte[] body = TarEntryWriter.paxBody(records);

    assertEquals(101, body.length);
    assertTrue(new String(body, StandardCharsets.US_ASCII).startsWith("101 path="));
    assertArrayEquals(records.get("path"), TarEntryReader.paxRecords(body).get("path"));
  }
}
