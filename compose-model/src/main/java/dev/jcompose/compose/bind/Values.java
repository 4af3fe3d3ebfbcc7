package dev.jcompose.compose.bind;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads typed values out of the tree, with {@code file:line:column} errors. Each reader takes
 * the parent mapping, the key and the parent's path, and returns null when the key is absent
 * or null. Scalars are read from their text, so "8080" and 8080 are the same port.
 */
final class Values {

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "1", "t", "T");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "0", "f", "F");

    private Values() {
    }

    static String string(MappingNode parent, String key) {
        Node node = parent == null ? null : Nodes.get(parent, key);
        return Nodes.isScalar(node) ? Nodes.text(node) : null;
    }

    static Boolean bool(MappingNode parent, String key, TreePath path) {
        String text = string(parent, key);
        if (text == null) {
            return null;
        }
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        throw error(parent, key, path, "must be true or false, not " + Problems.quote(text));
    }

    static boolean bool(MappingNode parent, String key, TreePath path, boolean otherwise) {
        Boolean value = bool(parent, key, path);
        return value == null ? otherwise : value;
    }

    static Long integer(MappingNode parent, String key, TreePath path) {
        String text = string(parent, key);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw error(parent, key, path, "must be a whole number, not " + Problems.quote(text));
        }
    }

    static Double number(MappingNode parent, String key, TreePath path) {
        String text = string(parent, key);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw error(parent, key, path, "must be a number, not " + Problems.quote(text));
        }
    }

    static Duration duration(MappingNode parent, String key, TreePath path) {
        String text = string(parent, key);
        try {
            return text == null ? null : Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(parent, key, path, e.getMessage());
        }
    }

    static Long bytes(MappingNode parent, String key, TreePath path) {
        String text = string(parent, key);
        try {
            return text == null ? null : ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(parent, key, path, e.getMessage());
        }
    }

    /** A list of strings, or null when absent. */
    static List<String> strings(MappingNode parent, String key) {
        Node node = parent == null ? null : Nodes.get(parent, key);
        if (Nodes.isNull(node)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : Nodes.items(node)) {
            out.add(Nodes.text(item));
        }
        return out;
    }

    static List<String> stringsOrEmpty(MappingNode parent, String key) {
        List<String> out = strings(parent, key);
        return out == null ? List.of() : out;
    }

    /** A mapping of strings; a null value stays null when {@code nullAs} is null. */
    static Map<String, String> map(MappingNode parent, String key, TreePath path, String nullAs) {
        Node node = parent == null ? null : Nodes.get(parent, key);
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            Nodes.entries(mapping, path.key(key)).forEach((k, v) -> out.put(k, Nodes.isNull(v) ? nullAs : Nodes.text(v)));
        }
        return out;
    }

    /** Checks {@code text} is one of {@code allowed}. */
    static String oneOf(MappingNode parent, String key, TreePath path, Set<String> allowed, String expected) {
        String text = string(parent, key);
        if (text != null && !allowed.contains(text)) {
            throw error(parent, key, path, Problems.quote(text) + " is not valid here (expected " + expected + ")");
        }
        return text;
    }

    static RuntimeException error(MappingNode parent, String key, TreePath path, String problem) {
        Node at = parent == null ? null : Nodes.get(parent, key);
        return Problems.invalid(at == null ? parent : at, path.key(key), problem);
    }
}
