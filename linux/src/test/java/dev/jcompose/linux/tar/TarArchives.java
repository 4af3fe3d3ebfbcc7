package dev.jcompose.linux.tar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: an archive read back into its members (names as UTF-8 text) and their contents. */
final class TarArchives {
  private TarArchives() {}

  record Member(TarEntry entry, byte[] content) {
    String name() {
      return TarEntry.text(entry.name());
    }
  }

  static List<Member> read(byte[] archive) throws IOException {
    TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(archive));
    List<Member> out = new ArrayList<>();
    for (TarEntry e = reader.next(); e != null; e = reader.next()) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      reader.copyContent(content);
      out.add(new Member(e, content.toByteArray()));
    }
    return out;
  }

  static Map<String, Member> byName(List<Member> members) {
    Map<String, Member> out = new LinkedHashMap<>();
    members.forEach(m -> out.put(m.name(), m));
    return out;
  }
}
