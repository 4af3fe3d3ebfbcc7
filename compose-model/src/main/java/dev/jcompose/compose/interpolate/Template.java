package dev.jcompose.compose.interpolate;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose's variable substitution for one string, as compose-go's {@code template} package:
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}}
 * (unset), {@code ${VAR:?err}}, {@code ${VAR?err}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}},
 * {@code $$} for a literal {@code $}. Defaults and alternatives may nest
 * ({@code ${A:-${B:-x}}}) and are only expanded when used. A {@code $} not followed by a name,
 * {@code {} or {@code $} is kept as it is.
 */
public final class Template {

    private final Function<String, String> lookup;
    private final Consumer<String> onUnset;

    /**
     * @param lookup a variable's value, or null when it is unset
     * @param onUnset told the name of each unset variable that became "" (to warn)
     */
    public Template(Function<String, String> lookup, Consumer<String> onUnset) {
        this.lookup = lookup;
        this.onUnset = onUnset;
    }

    public static String substitute(String text, Function<String, String> lookup) {
        return new Template(lookup, name -> { }).substitute(text);
    }

    public String substitute(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c != '$' || next == 0) {
                out.append(c);
                i++;
            } else if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    throw new TemplateException("invalid interpolation " + quote(text.substring(i))
                            + ": missing closing brace");
                }
                out.append(braced(text.substring(i + 2, close), text.substring(i, close + 1)));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = nameEnd(text, i + 1);
                out.append(value(text.substring(i + 1, end)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String inner, String whole) {
        int end = inner.isEmpty() || !isNameStart(inner.charAt(0)) ? 0 : nameEnd(inner, 0);
        if (end == 0) {
            throw new TemplateException("invalid interpolation " + quote(whole)
                    + ": a variable name starts with a letter or _ (write $$ for a literal $)");
        }
        String name = inner.substring(0, end);
        String rest = inner.substring(end);
        String value = lookup.apply(name);
        if (rest.isEmpty()) {
            return value(name);
        }
        boolean colon = rest.startsWith(":");
        int opLength = colon ? 2 : 1;
        String op = rest.length() < opLength ? "" : rest.substring(opLength - 1, opLength);
        String arg = rest.length() < opLength ? "" : rest.substring(opLength);
        boolean missing = value == null || (colon && value.isEmpty());
        switch (op) {
            case "-":
                return missing ? substitute(arg) : value;
            case "+":
                return missing ? "" : substitute(arg);
            case "?":
                if (missing) {
                    String detail = substitute(arg);
                    throw new TemplateException("required variable " + name + " is missing a value"
                            + (detail.isEmpty() ? "" : ": " + detail));
                }
                return value;
            default:
                throw new TemplateException("invalid interpolation " + quote(whole)
                        + ": expected one of :- - :? ? :+ + after the variable name");
        }
    }

    private String value(String name) {
        String value = lookup.apply(name);
        if (value == null) {
            onUnset.accept(name);
            return "";
        }
        return value;
    }

    /** The index of the brace closing a {@code ${} opened before {@code from}, or -1. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '$' && (next == '$' || next == '{')) {
                depth += next == '{' ? 1 : 0;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (isNameStart(text.charAt(i)) || Character.isDigit(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
