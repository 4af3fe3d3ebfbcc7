package dev.jcompose.compose.bind;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as Compose writes them (go-units' {@code RAMInBytes}): a number of bytes, or
 * a number with a binary unit {@code k}, {@code m}, {@code g}, {@code t}, {@code p} (any case,
 * optionally followed by {@code b} or {@code ib}): {@code 512m}, {@code 1g}, {@code 1.5G},
 * {@code 100kb}.
 */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final String UNITS = "kmgtp";

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a size */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException('"' + text + "\" is not a size (expected bytes, or a number with"
                    + " a unit k, m, g, t or p, such as 512m or 1.5g)");
        }
        BigDecimal value = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            int power = UNITS.indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
            value = value.multiply(BigDecimal.valueOf(1024).pow(power));
        }
        return value.longValue();
    }
}
