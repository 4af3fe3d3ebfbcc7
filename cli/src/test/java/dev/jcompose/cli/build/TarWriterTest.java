package dev.jcompose.cli.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarWriterTest {

  @Test
  void paxRecord_lengthCountsItsOwnDigits() {
    // cases from Go's archive/tar TestFormatPAXRecord
    assertEquals("6 k=v\n", TarWriter.paxRecord("k", "v"));
    assertEquals("19 path=/etc/hosts\n", TarWriter.paxRecord("path", "/etc/hosts"));
    // at the 2 -> 3 digit edge the length jumps from 99 to 101
    assertEquals("99 k=" + "a".repeat(93) + "\n", TarWriter.paxRecord("k", "a".repeat(93)));
    assertEquals("101 k=" + "a".repeat(94) + "\n", TarWriter.paxRecord("k", "a".repeat(94)));
  }

  @Test
  void splitUstarName_likeGo() {
    assertArrayEquals(new String[] {"", "short"}, TarWriter.splitUstarName("short"));
    String prefix = "p".repeat(120);
    String name = "n".repeat(80);
    assertArrayEquals(new String[] {prefix, name}, TarWriter.splitUstarName(prefix + "/" + name));
    assertNull(TarWriter.splitUstarName("x".repeat(101))); // no slash to split at
    assertNull(TarWriter.splitUstarName("d/" + "x".repeat(101))); // base name too long
    assertNull(TarWriter.splitUstarName("p".repeat(156) + "/n")); // prefix too long
    assertNull(TarWriter.splitUstarName("caf\u00e9")); // ustar is ASCII only
  }

  @Test
  void writeHeader_emptyFileHeaderIsOneUstarBlock() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(out);
    tar.writeHeader(TarHeader.file("a.txt", 0644, 0, 1_700_000_000L));
    tar.finish();
    byte[] bytes = out.toByteArray();
    assertEquals(3 * 512, bytes.length);
    byte[] header = Arrays.copyOf(bytes, 512);
    assertEquals("0000644\0", new String(header, 100, 8, StandardCharsets.US_ASCII));
    assertEquals("14524770400\0", new String(header, 136, 12, StandardCharsets.US_ASCII));
    assertEquals("ustar\u000000", new String(header, 257, 8, StandardCharsets.US_ASCII));
    assertEquals(' ', header[155]);
    assertEquals(0, header[154]);
    TarReading.Entry entry = TarReading.read(bytes).get(0);
    assertEquals("a.txt", entry.name());
  }

  @Test
  void writeHeader_paxForLongNameHugeMtimeAndLink() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(out);
    String name = "dir/" + "\u00fc".repeat(70) + ".txt";
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
    tar.writeHeader(TarHeader.file(name, 0600, data.length, -5));
    tar.writeData(new ByteArrayInputStream(data), data.length);
    tar.writeHeader(new TarHeader("l", TarHeader.SYMLINK, 0777, 0, 0, 0, 0, "t".repeat(101), 0, 0));
    tar.finish();

    byte[] bytes = out.toByteArray();
    assertEquals('x', bytes[156]);
    assertEquals("dir/PaxHeaders.0/", new String(bytes, 0, 17, StandardCharsets.US_ASCII));
    List<TarReading.Entry> entries = TarReading.read(bytes);
    assertEquals(name, entries.get(0).name());
    assertEquals("payload", entries.get(0).text());
    assertEquals("t".repeat(101), entries.get(1).link());
  }
}
