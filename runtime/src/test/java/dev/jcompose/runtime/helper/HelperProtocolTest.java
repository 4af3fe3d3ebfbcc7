package dev.jcompose.runtime.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HelperProtocolTest {

  @Test
  void parse_pid() {
    assertEquals(new HelperProtocol.Pid(4242), HelperProtocol.parse("pid 4242"));
  }

  @Test
  void parse_startedAndError() {
    assertEquals(new HelperProtocol.Started(), HelperProtocol.parse("started"));
    assertEquals(new HelperProtocol.Failed("exec \"nosuch\": No such file or directory"),
        HelperProtocol.parse("error exec \"nosuch\": No such file or directory"));
  }

  @Test
  void readLine_stopsAtTheNewline_leavingTheStreamAfterIt() throws IOException {
    java.io.InputStream in = new java.io.ByteArrayInputStream("pid 7\nstarted\n\u0001\u0000rest".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("pid 7", HelperProtocol.readLine(in));
    assertEquals("started", HelperProtocol.readLine(in));
    assertEquals("\u0001\u0000rest", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void readLine_atEndOfStream_isNull_andAPartialLineIsReturned() throws IOException {
    assertEquals(null, HelperProtocol.readLine(java.io.InputStream.nullInputStream()));
    assertEquals("error x", HelperProtocol.readLine(new java.io.ByteArrayInputStream("error x".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void parse_endOfStream_isClosed() {
    assertEquals(new HelperProtocol.Closed(), HelperProtocol.parse(null));
  }

  @Test
  void parse_garbage_isAFailureQuotingIt() {
    assertEquals(new HelperProtocol.Failed("unexpected reply from jc-helper: \"pid x\""), HelperProtocol.parse("pid x"));
  }

  @Test
  void messages_areTheOnesTheCHelperUses() throws IOException {
    String source = Files.readString(HelperSpecFileTest.C_SOURCE);
    assertTrue(source.contains("\"pid %d\\n\""), "C helper prints \"pid N\"");
    assertTrue(source.contains("\"started\\n\""), "C helper prints \"started\"");
    assertTrue(source.contains("\"error %s\\n\""), "C helper prints \"error MSG\"");
    assertTrue(source.contains("strcmp(cmd, \"" + HelperProtocol.GO + "\")"), "C helper waits for \"go\"");
  }
}
