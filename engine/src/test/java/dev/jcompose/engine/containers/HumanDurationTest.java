package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The expected strings are those of Docker's go-units HumanDuration. */
class HumanDurationTest {

  private static String of(Duration d) {
    return HumanDuration.of(d);
  }

  @Test
  void of_underASecond() {
    assertEquals("Less than a second", of(Duration.ZERO));
    assertEquals("Less than a second", of(Duration.ofMillis(999)));
  }

  @Test
  void of_negative_isLessThanASecond() {
    assertEquals("Less than a second", of(Duration.ofSeconds(-5)), "clock skew never prints a negative age");
  }

  @Test
  void of_seconds() {
    assertEquals("1 second", of(Duration.ofMillis(1500)));
    assertEquals("2 seconds", of(Duration.ofSeconds(2)));
    assertEquals("59 seconds", of(Duration.ofSeconds(59)));
  }

  @Test
  void of_minutes() {
    assertEquals("About a minute", of(Duration.ofSeconds(60)));
    assertEquals("About a minute", of(Duration.ofSeconds(119)));
    assertEquals("2 minutes", of(Duration.ofMinutes(2)));
    assertEquals("59 minutes", of(Duration.ofSeconds(3599)));
  }

  @Test
  void of_hours_areRounded() {
    assertEquals("About an hour", of(Duration.ofMinutes(60)));
    assertEquals("About an hour", of(Duration.ofMinutes(89)));
    assertEquals("2 hours", of(Duration.ofMinutes(90)));
    assertEquals("47 hours", of(Duration.ofHours(47)));
  }

  @Test
  void of_days() {
    assertEquals("2 days", of(Duration.ofHours(48)));
    assertEquals("13 days", of(Duration.ofDays(13)));
  }

  @Test
  void of_weeks() {
    assertEquals("2 weeks", of(Duration.ofDays(14)));
    assertEquals("8 weeks", of(Duration.ofDays(59)));
  }

  @Test
  void of_months() {
    assertEquals("2 months", of(Duration.ofDays(60)));
    assertEquals("3 months", of(Duration.ofDays(100)));
    assertEquals("24 months", of(Duration.ofDays(729)));
  }

  @Test
  void of_years() {
    assertEquals("2 years", of(Duration.ofDays(730)));
    assertEquals("10 years", of(Duration.ofDays(3660)));
  }
}
