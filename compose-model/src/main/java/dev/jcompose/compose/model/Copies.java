package dev.jcompose.compose.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the records' compact constructors. Lists use {@link List#copyOf}.
 * Maps are copied into an unmodifiable {@link LinkedHashMap} rather than {@link Map#copyOf}:
 * file order must survive (environment, labels and {@code config} output stay as written,
 * and stable across runs, which {@code Map.copyOf}'s randomized order is not), and an
 * environment value may be null ("unset").
 */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Null stays null: "not set" differs from "set to empty" (command, entrypoint). */
    static <T> List<T> nullableList(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
