package dev.jcompose.network;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names for the host end of a container's veth pair: {@code jcv} and 8 random hex digits
 * (11 characters; Linux allows 15). Names are never derived from the container alone: the
 * kernel removes a dead namespace's veth a few milliseconds late, and recreating the same name
 * in that window fails with EEXIST.
 */
public final class VethNames {

  public static final String DEFAULT_PREFIX = "jcv";
  private static final int MAX_NAME = 15;
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,6}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VethNames() {}

  /** A fresh name such as {@code jcv1f0c9a7e}. */
  public static String newHostName() {
    return newHostName(DEFAULT_PREFIX);
  }

  /** A fresh name with another prefix (1-7 lower-case letters and digits, starting with a letter). */
  public static String newHostName(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("veth prefix must be 1-7 of a-z 0-9 starting with a letter, not \"" + prefix + "\"");
    }
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    String name = prefix + HexFormat.of().formatHex(b);
    assert name.length() <= MAX_NAME;
    return name;
  }
}
