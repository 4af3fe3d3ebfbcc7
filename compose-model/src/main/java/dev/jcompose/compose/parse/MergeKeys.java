package dev.jcompose.compose.parse;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Applies YAML merge keys ({@code <<: *base}) with SnakeYAML's own rules. It is a
 * {@link SafeConstructor}, so the only objects it can ever build are the plain scalars it
 * needs to compare keys, as strings: no YAML tag can make it instantiate a class (CVE-2022-1471).
 */
final class MergeKeys extends SafeConstructor {

    MergeKeys(LoaderOptions options) {
        super(options);
        // Keys are compared, never used: build every scalar as its text, so a YAML 1.2 number
        // that SnakeYAML's YAML 1.1 constructors cannot read (0o17) is no error here.
        ConstructYamlStr text = new ConstructYamlStr();
        for (Tag tag : new Tag[] {Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.TIMESTAMP}) {
            yamlConstructors.put(tag, text);
        }
    }

    /** Replaces the {@code <<} entries of one mapping with the entries they stand for. */
    void flatten(MappingNode mapping) {
        flattenMapping(mapping);
    }
}
