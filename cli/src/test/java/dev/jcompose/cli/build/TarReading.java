package dev.jcompose.cli.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tiny tar reader for the tests: ustar headers, PAX 'x' records, strict checksums and padding. */
final class TarReading {

  record Entry(String name, char type, int mode, long uid, long gid, long size, long mtime, String link,
      String uname, String gname, String magic, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private TarReading() {}

  static List<Entry> read(byte[] tar) {
    if (tar.length % 512 != 0) {
      throw new AssertionError("tar length " + tar.length + " is not a multiple of 512");
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, String> pax = new HashMap<>();
    int pos = 0;
    while (true) {
      byte[] block = Arrays.copyOfRange(tar, pos, pos + 512);
      if (isZero(block)) {
        if (!isZero(Arrays.copyOfRange(tar, pos + 512, pos + 1024)) || pos + 1024 != tar.length) {
          throw new AssertionError("archive must end with exactly two zero blocks at " + pos);
        }
        return entries;
      }
      checkChecksum(block, pos);
      String name = string(block, 0, 100);
      String prefix = string(block, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      char type = (char) block[156];
      long size = octal(block, 124, 12);
      pos += 512;
      byte[] data = Arrays.copyOfRange(tar, pos, pos + (int) size);
      pos += (int) ((size + 511) / 512 * 512);
      if (type == 'x') {
        pax.putAll(parsePax(data));
        continue;
      }
      if (pax.containsKey("path")) {
        name = pax.get("path");
      }
      String link = pax.getOrDefault("linkpath", string(block, 157, 100));
      entries.add(new Entry(name, type, (int) octal(block, 100, 8), octal(block, 108, 8), octal(block, 116, 8),
          size, octal(block, 136, 12), link, string(block, 265, 32), string(block, 297, 32),
          string(block, 257, 8), data));
      pax.clear();
    }
  }

  static Entry find(List<Entry> entries, String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + name + " in " + names(entries)));
  }

  static List<String> names(List<Entry> entries) {
    return entries.stream().map(Entry::name).toList();
  }

  private static Map<String, String> parsePax(byte[] data) {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (data[space] != ' ') {
        space++;
      }
      int len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      if (data[pos + len - 1] != '\n') {
        throw new AssertionError("PAX record length is wrong at " + pos);
      }
      String record = new String(data, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      records.put(record.substring(0, eq), record.substring(eq + 1));
      pos += len;
    }
    return records;
  }

  private static void checkChecksum(byte[] block, int at) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
    }
    long stored = octal(block, 148, 8);
    if (sum != stored) {
      throw new AssertionError("bad checksum at " + at + ": stored " + stored + ", computed " + sum);
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] block, int offset, int size) {
    int end = offset;
    while (end < offset + size && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] block, int offset, int size) {
    String s = string(block, offset, size).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
