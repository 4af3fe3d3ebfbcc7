package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesForwardRulesTest {

  private static final String DOCKER = "-P FORWARD DROP\n"
      + "-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\n"
      + "-A FORWARD -o jcbr0 -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -m comment --comment \"jcompose:jcbr0\" -j ACCEPT\n"
      + "-A FORWARD -i jcbr1 -m comment --comment jcompose:jcbr1 -j ACCEPT\n"
      + "-A FORWARD -j DOCKER-USER\n"
      + "-A FORWARD -o docker0 -j DOCKER\n";

  @Test
  void mayDrop_dropPolicy() {
    assertTrue(IptablesForwardRules.mayDrop("-P FORWARD DROP\n"));
  }

  @Test
  void mayDrop_acceptPolicyNoRules_isFalse() {
    assertFalse(IptablesForwardRules.mayDrop("-P FORWARD ACCEPT\n"));
  }

  @Test
  void mayDrop_acceptPolicyButForeignRules() {
    assertTrue(IptablesForwardRules.mayDrop("-P FORWARD ACCEPT\n-A FORWARD -j ufw-before-forward\n"));
  }

  @Test
  void mayDrop_onlyOurRules_isFalse() {
    assertFalse(IptablesForwardRules.mayDrop("-P FORWARD ACCEPT\n-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\n"));
  }

  @Test
  void rulesOf_findsQuotedAndUnquotedComments_ofThatBridgeOnly() {
    assertEquals(List.of(
            "-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT",
            "-A FORWARD -o jcbr0 -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -m comment --comment \"jcompose:jcbr0\" -j ACCEPT"),
        IptablesForwardRules.rulesOf(DOCKER, "jcbr0"));
    assertEquals(List.of(), IptablesForwardRules.rulesOf(DOCKER, "jcbr"));
  }

  @Test
  void insertScript() {
    assertEquals("*filter\n"
            + "-I FORWARD -o jcbr0 -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -m comment --comment jcompose:jcbr0 -j ACCEPT\n"
            + "-I FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\n"
            + "COMMIT\n",
        IptablesForwardRules.insertScript("jcbr0"));
  }

  @Test
  void deleteScript_turnsAppendIntoDelete() {
    assertEquals("*filter\n-D FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\nCOMMIT\n",
        IptablesForwardRules.deleteScript(List.of("-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT")));
  }
}
