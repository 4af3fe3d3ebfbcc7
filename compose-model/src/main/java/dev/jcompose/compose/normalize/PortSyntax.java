package dev.jcompose.compose.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short port syntax {@code [[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]}, as Docker's
 * {@code nat.ParsePortSpec}: {@code "80"}, {@code "8080:80"}, {@code "127.0.0.1:8080:80/tcp"},
 * {@code "127.0.0.1::80"} (ephemeral), {@code "[::1]:80:80"}, {@code "8000-8010:80"} (one of
 * a range), {@code "8080-8081:80-81"} (one mapping per port).
 */
public final class PortSyntax {

    /** One published port; null fields were not given. */
    public record Spec(String hostIp, String published, String target, String protocol) {
    }

    /** Thrown with a detail for the message, or a null detail when the shape itself is wrong. */
    public static final class BadPort extends IllegalArgumentException {
        public BadPort(String detail) {
            super(detail);
        }
    }

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\\w.-]+)?$");
    private static final Pattern RANGE = Pattern.compile("^(\\d+)(?:-(\\d+))?$");

    private PortSyntax() {
    }

    public static List<Spec> parse(String raw) {
        String rest = raw;
        String protocol = null;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            checkProtocol(protocol);
        }
        String hostIp = null;
        String published = null;
        String target;
        if (rest.startsWith("[")) {
            int close = rest.indexOf("]:");
            if (close < 0) {
                throw new BadPort(null);
            }
            hostIp = rest.substring(1, close);
            String[] parts = rest.substring(close + 2).split(":", -1);
            if (parts.length != 2 || !IPV6.matcher(hostIp).matches()) {
                throw new BadPort(null);
            }
            published = parts[0];
            target = parts[1];
        } else {
            String[] parts = rest.split(":", -1);
            int n = parts.length;
            target = parts[n - 1];
            if (n >= 2) {
                published = parts[n - 2];
            }
            if (n >= 3) {
                hostIp = String.join(":", Arrays.copyOfRange(parts, 0, n - 2));
                if (!isIp(hostIp)) {
                    throw new BadPort(null);
                }
            }
        }
        return expand(hostIp, published == null || published.isEmpty() ? null : published, target, protocol);
    }

    private static List<Spec> expand(String hostIp, String published, String target, String protocol) {
        int[] targets = range(target, false);
        int[] hosts = published == null ? null : range(published, true);
        List<Spec> out = new ArrayList<>();
        int count = targets[1] - targets[0] + 1;
        if (count == 1) {
            out.add(new Spec(hostIp, published, Integer.toString(targets[0]), protocol));
            return out;
        }
        if (hosts != null && hosts[1] - hosts[0] + 1 != count) {
            throw new BadPort("the published range " + published + " and the container range " + target
                    + " differ in size");
        }
        for (int i = 0; i < count; i++) {
            String host = hosts == null ? null : Integer.toString(hosts[0] + i);
            out.add(new Spec(hostIp, host, Integer.toString(targets[0] + i), protocol));
        }
        return out;
    }

    /** {@code [first, last]} of "80" or "80-81". */
    static int[] range(String text, boolean published) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new BadPort(null);
        }
        int first = port(m.group(1), published);
        int last = m.group(2) == null ? first : port(m.group(2), published);
        if (last < first) {
            throw new BadPort("the range " + text + " ends before it starts");
        }
        return new int[] {first, last};
    }

    private static int port(String digits, boolean published) {
        int value;
        try {
            value = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < (published ? 0 : 1) || value > 65535) {
            throw new BadPort(digits + " is not a port number (1-65535)");
        }
        return value;
    }

    static void checkProtocol(String protocol) {
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new BadPort("the protocol must be tcp, udp or sctp, not " + protocol);
        }
    }

    public static boolean isIp(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(text).matches();
    }
}
