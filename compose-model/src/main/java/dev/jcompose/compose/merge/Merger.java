package dev.jcompose.compose.merge;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Phase 5, merge: folds the canonical trees of the {@code -f} files into one, in order, with
 * compose-go's {@code override} rules:
 * <ul>
 *   <li>mappings merge key by key, recursively (so do environment and labels, which the
 *       canonicalizer has turned into mappings); a later scalar replaces an earlier one;</li>
 *   <li>{@code command}, {@code entrypoint} and {@code healthcheck.test} are replaced whole;</li>
 *   <li>other lists are appended, then de-duplicated by {@link Unicity} (ports by
 *       ip/published/target/protocol, volumes by target, plain lists by value), the later entry
 *       taking the earlier one's place;</li>
 *   <li>{@code !reset} removes a value, {@code !override} replaces it without merging.</li>
 * </ul>
 */
public final class Merger {

    static final String RESET = "!reset";
    static final String OVERRIDE = "!override";

    private static final List<TreePath> REPLACED = List.of(
            TreePath.of("services.*.command"),
            TreePath.of("services.*.entrypoint"),
            TreePath.of("services.*.healthcheck.test"));

    private Merger() {
    }

    /** Merges the files in order; the first one is also cleaned of its tags and duplicates. */
    public static MappingNode mergeAll(List<MappingNode> files) {
        MappingNode merged = Nodes.mapping(files.get(0));
        for (MappingNode file : files) {
            merged = (MappingNode) merge(merged, file, TreePath.root());
        }
        return merged;
    }

    /**
     * Merges one service over another with the same rules as files ({@code extends}): the result
     * is {@code base}, changed in place.
     */
    public static MappingNode mergeService(MappingNode base, MappingNode over, String name) {
        Node merged = merge(base, over, TreePath.root().key("services").key(name));
        return merged instanceof MappingNode m ? m : Nodes.mapping(over);
    }

    /** The merged value, or null when the key is to be removed ({@code !reset}). */
    static Node merge(Node base, Node over, TreePath path) {
        if (hasTag(over, RESET)) {
            return null;
        }
        if (hasTag(over, OVERRIDE) || base == null || Nodes.isNull(base) || isReplaced(path)) {
            return clean(over, path);
        }
        if (base instanceof MappingNode baseMap && over instanceof MappingNode overMap) {
            for (NodeTuple tuple : overMap.getValue()) {
                String key = Nodes.keyText(tuple, path);
                Node merged = merge(Nodes.get(baseMap, key), tuple.getValueNode(), path.key(key));
                if (merged == null) {
                    Nodes.remove(baseMap, key);
                } else if (Nodes.get(baseMap, key) == null) {
                    baseMap.getValue().add(new NodeTuple(tuple.getKeyNode(), merged));
                } else {
                    Nodes.put(baseMap, key, merged);
                }
            }
            return baseMap;
        }
        if (base instanceof SequenceNode baseList && over instanceof SequenceNode) {
            SequenceNode cleaned = (SequenceNode) clean(over, path);
            List<Node> all = new ArrayList<>(baseList.getValue());
            all.addAll(cleaned.getValue());
            return Nodes.sequence(Unicity.deduplicate(all, path), baseList);
        }
        return clean(over, path);
    }

    /** A value taken as it is: tags removed, {@code !reset} entries dropped, lists de-duplicated. */
    private static Node clean(Node node, TreePath path) {
        if (hasTag(node, OVERRIDE)) {
            node.setTag(node instanceof MappingNode ? Tag.MAP : node instanceof SequenceNode ? Tag.SEQ
                    : ((ScalarNode) node).getValue().isEmpty() && ((ScalarNode) node).isPlain() ? Tag.NULL : Tag.STR);
        }
        if (node instanceof MappingNode mapping) {
            List<NodeTuple> kept = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = Nodes.keyText(tuple, path);
                Node value = hasTag(tuple.getValueNode(), RESET) ? null
                        : clean(tuple.getValueNode(), path.key(key));
                if (value != null) {
                    kept.add(new NodeTuple(tuple.getKeyNode(), value));
                }
            }
            mapping.setValue(kept);
        } else if (node instanceof SequenceNode sequence) {
            List<Node> kept = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!hasTag(item, RESET)) {
                    kept.add(clean(item, path));
                }
            }
            return Nodes.sequence(Unicity.deduplicate(kept, path), sequence);
        }
        return node;
    }

    private static boolean isReplaced(TreePath path) {
        for (TreePath pattern : REPLACED) {
            if (path.matches(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTag(Node node, String tag) {
        return node != null && node.getTag().getValue().equals(tag);
    }
}
