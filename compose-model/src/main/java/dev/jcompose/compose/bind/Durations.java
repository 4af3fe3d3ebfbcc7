package dev.jcompose.compose.bind;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Compose writes them, which is Go's {@code time.ParseDuration}: a sequence of
 * decimal numbers with units, such as {@code 10s}, {@code 1m30s}, {@code 1.5h}, {@code 500ms};
 * units are ns, us (or µs), ms, s, m and h. A bare {@code 0} is allowed.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private Durations() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a duration */
    public static Duration parse(String text) {
        String rest = text.startsWith("+") ? text.substring(1) : text;
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            end += m.end();
            rest = rest.substring(m.end());
            m = PART.matcher(rest);
        }
        if (end == 0 || !rest.isEmpty()) {
            throw new IllegalArgumentException(quote(text) + " is not a duration (expected a number and a unit,"
                    + " such as 10s, 1m30s or 500ms)");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** The Go form of a duration, for {@code config} output: {@code 1m30s}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L != 0) {
            return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
        }
        long seconds = duration.getSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
