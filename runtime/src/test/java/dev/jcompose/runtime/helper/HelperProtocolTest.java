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
