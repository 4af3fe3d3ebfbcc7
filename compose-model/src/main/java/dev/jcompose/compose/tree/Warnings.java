package dev.jcompose.compose.tree;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Warnings collected while loading; they end up on the Project. Libraries do not print, the
 * CLI does. Each warning is kept once, in the order it was first seen.
 */
public final class Warnings {

    private final Set<String> messages = new LinkedHashSet<>();
    private final Set<String> topics = new LinkedHashSet<>();

    /** Adds {@code file:line:column: message}. */
    public void add(Node at, String message) {
        messages.add(Problems.location(at) + message);
    }

    /** Adds a warning only the first time {@code topic} is seen (one warning per variable). */
    public void addOnce(String topic, Node at, String message) {
        if (topics.add(topic)) {
            add(at, message);
        }
    }

    public List<String> list() {
        return List.copyOf(new ArrayList<>(messages));
    }
}
