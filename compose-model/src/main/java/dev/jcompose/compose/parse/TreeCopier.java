package dev.jcompose.compose.parse;

import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Copies a composed YAML tree into one that later phases may change freely:
 * <ul>
 *   <li>every alias becomes its own copy (no node is shared), within a node budget so a
 *       "billion laughs" document fails instead of filling the heap;</li>
 *   <li>every mark is renamed after the file, so any node can report {@code file:line:col};</li>
 *   <li>only plain YAML tags pass, plus {@code !reset} and {@code !override} on values;</li>
 *   <li>a key written twice in one mapping is an error naming both lines.</li>
 * </ul>
 */
final class TreeCopier {

    static final String RESET = "!reset";
    static final String OVERRIDE = "!override";

    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.MERGE, Tag.TIMESTAMP);
    private static final int[] NO_BUFFER = new int[0];

    private final String fileName;
    private final int maxNodes;
    private final Map<Node, Boolean> onStack = new IdentityHashMap<>();
    private int count;

    TreeCopier(String fileName, int maxNodes) {
        this.fileName = fileName;
        this.maxNodes = maxNodes;
    }

    Node copy(Node node, TreePath path, boolean isKey) {
        if (++count > maxNodes) {
            throw Problems.invalid(node, path, "the document is too large once its aliases are expanded"
                    + " (more than " + maxNodes + " nodes)");
        }
        checkTag(node, path, isKey);
        if (onStack.put(node, Boolean.TRUE) != null) {
            throw Problems.invalid(renamed(node), path, "an alias refers to a node that contains it");
        }
        try {
            return copyChecked(node, path);
        } finally {
            onStack.remove(node);
        }
    }

    private Node copyChecked(Node node, TreePath path) {
        Mark start = rename(node.getStartMark());
        Mark end = rename(node.getEndMark());
        if (node instanceof ScalarNode scalar) {
            return new ScalarNode(node.getTag(), true, scalar.getValue(), start, end, scalar.getScalarStyle());
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            List<Node> source = sequence.getValue();
            for (int i = 0; i < source.size(); i++) {
                items.add(copy(source.get(i), path.index(i), false));
            }
            return new SequenceNode(node.getTag(), true, items, start, end, sequence.getFlowStyle());
        }
        MappingNode mapping = (MappingNode) node;
        List<NodeTuple> tuples = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = copy(tuple.getKeyNode(), path, true);
            TreePath valuePath = path;
            if (key instanceof ScalarNode k && !key.getTag().equals(Tag.MERGE)) {
                valuePath = path.key(k.getValue());
                Node first = seen.putIfAbsent(k.getValue(), key);
                if (first != null) {
                    throw Problems.invalid(key, path, "key " + Problems.quote(k.getValue())
                            + " is already defined at line " + (first.getStartMark().getLine() + 1));
                }
            }
            tuples.add(new NodeTuple(key, copy(tuple.getValueNode(), valuePath, false)));
        }
        MappingNode copy = new MappingNode(node.getTag(), true, tuples, start, end, mapping.getFlowStyle());
        copy.setMerged(mapping.isMerged());
        return copy;
    }

    private void checkTag(Node node, TreePath path, boolean isKey) {
        Tag tag = node.getTag();
        if (PLAIN_TAGS.contains(tag)) {
            return;
        }
        boolean resetOrOverride = tag.getValue().equals(RESET) || tag.getValue().equals(OVERRIDE);
        if (resetOrOverride && !isKey) {
            return;
        }
        String shown = tag.getValue().startsWith(Tag.PREFIX)
                ? "!!" + tag.getValue().substring(Tag.PREFIX.length()) : tag.getValue();
        throw Problems.invalid(renamed(node), path, "YAML tag " + Problems.quote(shown) + " is not allowed"
                + (isKey ? " on a key" : "") + " (Compose files are plain YAML; only !reset and !override"
                + " are accepted, on values)");
    }

    private Node renamed(Node node) {
        return new ScalarNode(Tag.STR, true, "", rename(node.getStartMark()), rename(node.getEndMark()),
                DumperOptions.ScalarStyle.PLAIN);
    }

    private Mark rename(Mark mark) {
        if (mark == null) {
            return null;
        }
        return new Mark(fileName, mark.getIndex(), mark.getLine(), mark.getColumn(), NO_BUFFER, 0);
    }
}
