package dev.jcompose.compose.normalize;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns the list form of a "list or dict" ({@code - KEY=VALUE}, {@code - KEY}) into a mapping,
 * so that files merge it key by key, as Compose does for environment, labels and build args.
 * A key written twice keeps its first place and its last value.
 */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * @param bareIsUnset a bare {@code KEY} means "unset, take it from the environment" (null);
     *     otherwise it means the empty string
     */
    static void toMapping(MappingNode parent, String key, TreePath parentPath, boolean bareIsUnset) {
        Node value = Nodes.get(parent, key);
        if (!(value instanceof SequenceNode list)) {
            return;
        }
        MappingNode mapping = Nodes.mapping(value);
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String text = Nodes.text(item);
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            if (name.isEmpty()) {
                throw Problems.invalid(item, parentPath.key(key).index(i), Problems.quote(text)
                        + " has no name before '=' (expected NAME=VALUE or NAME)");
            }
            Node entry = eq >= 0 ? Nodes.scalar(text.substring(eq + 1), item)
                    : bareIsUnset ? Nodes.nullAt(item) : Nodes.scalar("", item);
            Nodes.put(mapping, name, entry);
        }
        Nodes.put(parent, key, mapping);
    }
}
