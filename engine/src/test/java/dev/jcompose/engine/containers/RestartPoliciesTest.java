package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.RestartPolicy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartPoliciesTest {
  private static RestartPolicy p(String name, Integer max) {
    return new RestartPolicy(name, max);
  }

  @Test
  void restarts_no_never() {
    assertFalse(RestartPolicies.restarts(p("no", null), 1, 0, false));
    assertFalse(RestartPolicies.restarts(null, 1, 0, false));
  }

  @Test
  void restarts_always_onAnyExit_butNotAfterAManualStop() {
    assertTrue(RestartPolicies.restarts(p("always", null), 0, 5, false));
    assertTrue(RestartPolicies.restarts(p("unless-stopped", null), 3, 0, false));
    assertFalse(RestartPolicies.restarts(p("always", null), 0, 0, true));
  }

  @Test
  void restarts_onFailure_onlyNonZero_upToMax() {
    assertFalse(RestartPolicies.restarts(p("on-failure", 3), 0, 0, false));
    assertTrue(RestartPolicies.restarts(p("on-failure", 3), 1, 2, false));
    assertFalse(RestartPolicies.restarts(p("on-failure", 3), 1, 3, false));
    assertTrue(RestartPolicies.restarts(p("on-failure", null), 1, 100, false));
  }

  @Test
  void startsWithEngine_alwaysAndUnlessStoppedUnlessStopped() {
    assertTrue(RestartPolicies.startsWithEngine(p("always", null), true));
    assertTrue(RestartPolicies.startsWithEngine(p("unless-stopped", null), false));
    assertFalse(RestartPolicies.startsWithEngine(p("unless-stopped", null), true));
    assertFalse(RestartPolicies.startsWithEngine(p("on-failure", 2), false));
  }

  @Test
  void nextDelay_doublesToAMinute_andResetsAfterTenSecondsOfRunning() {
    assertEquals(Duration.ofMillis(100), RestartPolicies.nextDelay(null, Duration.ZERO));
    assertEquals(Duration.ofMillis(200), RestartPolicies.nextDelay(Duration.ofMillis(100), Duration.ofSeconds(1)));
    assertEquals(Duration.ofMinutes(1), RestartPolicies.nextDelay(Duration.ofSeconds(40), Duration.ZERO));
    assertEquals(Duration.ofMillis(100), RestartPolicies.nextDelay(Duration.ofSeconds(40), Duration.ofSeconds(10)));
  }

  @Test
  void problem_namesTheBadPolicy() {
    assertEquals(Optional.empty(), RestartPolicies.problem(p("on-failure", 2)));
    assertEquals(Optional.of("invalid restart policy 'sometimes': use no, always, unless-stopped or on-failure[:max]"),
        RestartPolicies.problem(p("sometimes", null)));
    assertTrue(RestartPolicies.problem(p("always", 3)).orElseThrow().contains("maximum retry count"));
  }
}
