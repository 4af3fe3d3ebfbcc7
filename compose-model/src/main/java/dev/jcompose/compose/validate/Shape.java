package dev.jcompose.compose.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The expected shape of a node in a Compose file: the part of the Compose Specification's JSON
 * schema that the schema check enforces. Scalar formats (ports, durations, sizes) are checked
 * later, where they are parsed. A null value is accepted everywhere and means "not set".
 */
public sealed interface Shape {

    /** For messages: "a string", "a list", "a string or a list". */
    String describe();

    /** Any scalar: YAML strings, numbers and booleans are all read as text. */
    record Scalar(String describe) implements Shape {
    }

    record ListOf(Shape item) implements Shape {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A mapping with free keys (labels, services, networks) whose values have one shape.
     *
     * @param keyPattern keys must match it, or null
     * @param keyRule the rule in words, for the error
     */
    record MapOf(Shape value, Pattern keyPattern, String keyRule) implements Shape {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A mapping with known keys; {@code x-} keys are always allowed. */
    record Struct(Map<String, Field> fields) implements Shape {
        public Struct {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One of several shapes, told apart by the node's kind (scalar, list, mapping). */
    record Either(List<Shape> options) implements Shape {
        public Either {
            options = List.copyOf(options);
        }

        @Override
        public String describe() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < options.size(); i++) {
                out.append(i == 0 ? "" : i == options.size() - 1 ? " or " : ", ").append(options.get(i).describe());
            }
            return out.toString();
        }
    }

    /** Not checked: extension values, and keys jcompose ignores. */
    record Anything() implements Shape {
        @Override
        public String describe() {
            return "anything";
        }
    }

    /** How jcompose treats a key the specification defines. */
    enum Support {
        /** Read into the model. */
        MODELED,
        /** Accepted, warned about ("... is not supported yet and was ignored") and dropped. */
        IGNORED,
        /** Obsolete in the specification (top-level {@code version}): warned about and dropped. */
        OBSOLETE,
        /** Ignoring it would load a different project ({@code extends}, {@code include}): an error. */
        REJECTED
    }

    /** One key of a {@link Struct}. */
    record Field(Shape shape, Support support, String hint) {
    }
}
