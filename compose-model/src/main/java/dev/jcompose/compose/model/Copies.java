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

    /**
     * A deep, unmodifiable copy of plain values (maps keep their order): what the model keeps
     * for attributes it does not type yet.
     */
    static Object deep(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deep(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new java.util.ArrayList<>();
            list.forEach(v -> out.add(deep(v)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMap(Map<String, Object> map) {
        return map == null || map.isEmpty() ? Map.of() : (Map<String, Object>) deep(map);
    }
}
