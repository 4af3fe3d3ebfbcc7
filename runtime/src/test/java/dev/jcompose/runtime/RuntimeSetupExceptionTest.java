package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RuntimeSetupExceptionTest {
  @Test
  void message_saysWhatWhyAndWhatToDo() {
    RuntimeSetupException e = new RuntimeSetupException("web-1", "start the container",
        "exec \"nosuch\": No such file or directory", "Check the command", null);
    assertEquals("container web-1: could not start the container: exec \"nosuch\": No such file or directory. Check the command", e.getMessage());
    assertEquals("exec \"nosuch\": No such file or directory", e.reason());
    assertEquals("web-1", e.containerId());
  }

  @Test
  void message_withoutContainerOrHint() {
    assertEquals("could not install jc-helper: disk full", new RuntimeSetupException(null, "install jc-helper", "disk full", null, null).getMessage());
  }
}
