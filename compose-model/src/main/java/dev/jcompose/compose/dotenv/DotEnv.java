package dev.jcompose.compose.dotenv;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.ComposeFileException.Category;
import dev.jcompose.compose.interpolate.Template;
import dev.jcompose.compose.interpolate.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code .env} and {@code env_file} files with compose-go's dotenv rules:
 * {@code KEY=VALUE} lines, {@code #} comments, an optional {@code export }, single quotes
 * literal, double quotes with {@code \n \t \" \\ \$} escapes, both quotes may span lines,
 * unquoted values trimmed and cut at {@code " #"}; {@code ${VAR}} expands from the given
 * environment first, then from keys defined earlier in the file (not inside single quotes);
 * a bare {@code KEY} takes its value from the environment, or is left out when unset.
 */
public final class DotEnv {

    private final String fileName;
    private final String text;
    private final Function<String, String> lookup;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int pos;
    private int line = 1;

    private DotEnv(String fileName, String text, Function<String, String> lookup) {
        this.fileName = fileName;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lookup = lookup;
    }

    /** Env files are small; a larger "file" is a mistake (or a device such as /dev/zero). */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** Reads a file; a missing file is a NOT_FOUND error, so is one that is not a regular file. */
    public static Map<String, String> read(Path file, String fileName, Function<String, String> lookup) {
        String text;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw ComposeFileException.inFile(Category.INVALID, fileName, "not a regular file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw ComposeFileException.inFile(Category.INVALID, fileName, "larger than " + MAX_BYTES
                        + " bytes; an env file holds KEY=VALUE lines");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ComposeFileException.inFile(Category.NOT_FOUND, fileName, "no such file");
        } catch (IOException e) {
            throw new ComposeFileException(Category.NOT_FOUND, fileName, 0, 0, null, "cannot read: " + e, e);
        }
        return parse(text, fileName, lookup);
    }

    public static Map<String, String> parse(String text, String fileName, Function<String, String> lookup) {
        DotEnv parser = new DotEnv(fileName, text, lookup);
        parser.parseAll();
        return parser.values;
    }

    private void parseAll() {
        while (pos < text.length()) {
            skipBlank();
            if (pos >= text.length()) {
                break;
            }
            if (text.charAt(pos) == '#') {
                skipToEndOfLine();
                continue;
            }
            if (text.startsWith("export ", pos)) {
                pos += "export ".length();
                skipSpaces();
            }
            entry();
        }
    }

    private void entry() {
        int start = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos))) {
            pos++;
        }
        String key = text.substring(start, pos);
        skipSpaces();
        char next = pos < text.length() ? text.charAt(pos) : '\n';
        if (key.isEmpty() || Character.isDigit(key.charAt(0)) || (next != '=' && next != '\n' && next != '\r')) {
            throw error("a line must read KEY=VALUE, with a key of letters, digits, '_', '.' and '-'");
        }
        if (next != '=') {
            String inherited = lookup.apply(key);
            if (inherited != null) {
                values.put(key, inherited);
            }
            return;
        }
        pos++;
        skipSpaces();
        values.put(key, value());
    }

    private String value() {
        char first = pos < text.length() ? text.charAt(pos) : '\n';
        if (first == '\'') {
            int close = text.indexOf('\'', pos + 1);
            if (close < 0) {
                throw error("a single quote is not closed");
            }
            String value = text.substring(pos + 1, close);
            advanceTo(close + 1);
            skipToEndOfLine();
            return value;
        }
        if (first == '"') {
            return doubleQuoted();
        }
        int end = pos;
        while (end < text.length() && text.charAt(end) != '\n') {
            end++;
        }
        String raw = text.substring(pos, end);
        pos = end;
        int comment = raw.indexOf(" #");
        if (comment >= 0) {
            raw = raw.substring(0, comment);
        }
        return expand(raw.strip());
    }

    private String doubleQuoted() {
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                out.append(switch (e) {
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case 't' -> "\t";
                    case '"', '\\' -> String.valueOf(e);
                    case '$' -> "$$";
                    default -> "\\" + e;
                });
            } else {
                out.append(c);
            }
            i++;
        }
        if (i >= text.length()) {
            throw error("a double quote is not closed");
        }
        advanceTo(i + 1);
        skipToEndOfLine();
        return expand(out.toString());
    }

    private String expand(String value) {
        try {
            return Template.substitute(value, name -> {
                String v = lookup.apply(name);
                return v != null ? v : values.get(name);
            });
        } catch (TemplateException e) {
            throw error(e.getMessage());
        }
    }

    private void advanceTo(int index) {
        for (int i = pos; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        pos = index;
    }

    private void skipBlank() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            advanceTo(pos + 1);
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Skips the rest of the line; only blanks or a comment may follow a quoted value. */
    private void skipToEndOfLine() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) != '#' && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            throw error("unexpected text after the value");
        }
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private ComposeFileException error(String problem) {
        return new ComposeFileException(Category.INVALID, fileName, line, 1, null, problem);
    }
}
