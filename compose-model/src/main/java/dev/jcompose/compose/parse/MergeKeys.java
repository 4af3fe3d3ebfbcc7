package dev.jcompose.compose.parse;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Applies YAML merge keys ({@code <<: *base}) with SnakeYAML's own rules. It is a
 * {@link SafeConstructor}, so the only objects it can ever build are the plain scalars it
 * needs to compare keys: no YAML tag can make it instantiate a class (CVE-2022-1471).
 */
final class MergeKeys extends SafeConstructor {

    MergeKeys(LoaderOptions options) {
        super(options);
    }

    /** Replaces the {@code <<} entries of one mapping with the entries they stand for. */
    void flatten(MappingNode mapping) {
        flattenMapping(mapping);
    }
}
