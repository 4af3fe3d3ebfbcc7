package dev.jcompose.compose.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Small helpers over SnakeYAML's node tree, the untyped tree every phase before {@code bind}
 * works on. Scalars are read as their source text, never through YAML 1.1 type resolution
 * (so {@code 22:22} stays "22:22" and {@code yes} stays "yes"); only the null tag is used.
 * New nodes take their marks from an existing node, so errors still point into a file.
 */
public final class Nodes {

    private Nodes() {
    }

    public static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode && node.getTag().equals(Tag.NULL));
    }

    public static boolean isScalar(Node node) {
        return node instanceof ScalarNode && !isNull(node);
    }

    public static boolean isMapping(Node node) {
        return node instanceof MappingNode;
    }

    public static boolean isSequence(Node node) {
        return node instanceof SequenceNode;
    }

    /** What a node is, for messages: "a string", "a number", "a boolean", "a list", ... */
    public static String describe(Node node) {
        if (isNull(node)) {
            return "null";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "a number";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a boolean";
        }
        return "a string";
    }

    /** The source text of a scalar. */
    public static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    /** The text of a mapping key; keys must be scalars. */
    public static String keyText(NodeTuple tuple, TreePath parent) {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode)) {
            throw Problems.invalid(key, parent, "mapping keys must be strings, found " + describe(key));
        }
        return ((ScalarNode) key).getValue();
    }

    public static Node get(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    /** The value at {@code key} when it is a mapping, else null. */
    public static MappingNode getMapping(MappingNode mapping, String key) {
        return get(mapping, key) instanceof MappingNode m ? m : null;
    }

    /** Sets {@code key}, keeping its place when present, else appending it. */
    public static void put(MappingNode mapping, String key, Node value) {
        List<NodeTuple> tuples = mapping.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(k, value));
                return;
            }
        }
        tuples.add(new NodeTuple(scalar(key, value), value));
    }

    public static Node remove(MappingNode mapping, String key) {
        Node removed = null;
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                removed = tuple.getValueNode();
            } else {
                kept.add(tuple);
            }
        }
        mapping.setValue(kept);
        return removed;
    }

    /** The entries of a mapping by key text, in file order. */
    public static Map<String, Node> entries(MappingNode mapping, TreePath path) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            out.put(keyText(tuple, path), tuple.getValueNode());
        }
        return out;
    }

    public static List<Node> items(Node sequence) {
        return sequence instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /**
     * The tag for a node replacing {@code original}: {@code plain}, unless the original carries
     * a merge tag ({@code !reset}, {@code !override}), which a rewrite must not lose.
     */
    public static Tag tagFor(Node original, Tag plain) {
        if (original != null && (original.getTag().getValue().equals("!reset")
                || original.getTag().getValue().equals("!override"))) {
            return original.getTag();
        }
        return plain;
    }

    /** A plain string scalar placed at {@code at}. */
    public static ScalarNode scalar(String value, Node at) {
        return new ScalarNode(Tag.STR, true, value, at == null ? null : at.getStartMark(),
                at == null ? null : at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }

    /** A null scalar placed at {@code at}. */
    public static ScalarNode nullAt(Node at) {
        return new ScalarNode(Tag.NULL, true, "", at == null ? null : at.getStartMark(),
                at == null ? null : at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }

    /** An empty mapping placed at {@code at} (keeping its merge tag, see {@link #tagFor}). */
    public static MappingNode mapping(Node at) {
        return new MappingNode(tagFor(at, Tag.MAP), true, new ArrayList<>(), at == null ? null : at.getStartMark(),
                at == null ? null : at.getEndMark(), DumperOptions.FlowStyle.BLOCK);
    }

    /** A sequence of {@code items} placed at {@code at} (keeping its merge tag, see {@link #tagFor}). */
    public static SequenceNode sequence(List<Node> items, Node at) {
        return new SequenceNode(tagFor(at, Tag.SEQ), true, new ArrayList<>(items), at == null ? null : at.getStartMark(),
                at == null ? null : at.getEndMark(), DumperOptions.FlowStyle.BLOCK);
    }

    /** A copy of a whole tree (tags and marks kept), so a phase may change one without the other. */
    public static Node deepCopy(Node node) {
        if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                tuples.add(new NodeTuple(deepCopy(tuple.getKeyNode()), deepCopy(tuple.getValueNode())));
            }
            return new MappingNode(node.getTag(), true, tuples, node.getStartMark(), node.getEndMark(),
                    mapping.getFlowStyle());
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(deepCopy(item));
            }
            return new SequenceNode(node.getTag(), true, items, node.getStartMark(), node.getEndMark(),
                    sequence.getFlowStyle());
        }
        ScalarNode scalar = (ScalarNode) node;
        return new ScalarNode(node.getTag(), true, scalar.getValue(), node.getStartMark(), node.getEndMark(),
                scalar.getScalarStyle());
    }

    /**
     * True when two trees hold the same content: same keys in any order, same items in order,
     * same scalar text (null equal to null); marks, styles and tags other than null are ignored.
     */
    public static boolean sameContent(Node a, Node b) {
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        if (a instanceof MappingNode ma && b instanceof MappingNode mb) {
            if (ma.getValue().size() != mb.getValue().size()) {
                return false;
            }
            for (NodeTuple tuple : ma.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)
                        || !sameContent(tuple.getValueNode(), get(mb, key.getValue()))
                        || get(mb, key.getValue()) == null) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof SequenceNode sa && b instanceof SequenceNode sb) {
            if (sa.getValue().size() != sb.getValue().size()) {
                return false;
            }
            for (int i = 0; i < sa.getValue().size(); i++) {
                if (!sameContent(sa.getValue().get(i), sb.getValue().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a instanceof ScalarNode sa && b instanceof ScalarNode sb && sa.getValue().equals(sb.getValue());
    }
}
