package dev.jcompose.compose.validate;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.Suggestions;
import dev.jcompose.compose.tree.TreePath;
import dev.jcompose.compose.tree.Warnings;
import dev.jcompose.compose.validate.Shape.Either;
import dev.jcompose.compose.validate.Shape.Field;
import dev.jcompose.compose.validate.Shape.ListOf;
import dev.jcompose.compose.validate.Shape.MapOf;
import dev.jcompose.compose.validate.Shape.Scalar;
import dev.jcompose.compose.validate.Shape.Struct;
import dev.jcompose.compose.validate.Shape.Support;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Phase 3, schema check (per file, after interpolation): every key is one the specification
 * defines (or an {@code x-} extension), every value has the right kind. Keys jcompose does
 * not model yet are warned about and removed, so later phases never see them.
 */
public final class SchemaCheck {

    private final Warnings warnings;

    public SchemaCheck(Warnings warnings) {
        this.warnings = warnings;
    }

    public void check(MappingNode root) {
        check(root, Schema.FILE, TreePath.root());
    }

    private void check(Node node, Shape shape, TreePath path) {
        if (Nodes.isNull(node)) {
            return;
        }
        if (shape instanceof Either either) {
            check(node, pick(node, either, path), path);
        } else if (shape instanceof Scalar) {
            expectKind(Nodes.isScalar(node), node, shape, path);
        } else if (shape instanceof ListOf list) {
            expectKind(node instanceof SequenceNode, node, shape, path);
            List<Node> items = Nodes.items(node);
            for (int i = 0; i < items.size(); i++) {
                if (Nodes.isNull(items.get(i))) {
                    throw wrongKind(items.get(i), list.item(), path.index(i));
                }
                check(items.get(i), list.item(), path.index(i));
            }
        } else if (shape instanceof MapOf map) {
            expectKind(node instanceof MappingNode, node, shape, path);
            checkMap((MappingNode) node, map, path);
        } else if (shape instanceof Struct struct) {
            expectKind(node instanceof MappingNode, node, shape, path);
            checkStruct((MappingNode) node, struct, path);
        }
    }

    private void checkMap(MappingNode node, MapOf map, TreePath path) {
        for (NodeTuple tuple : node.getValue()) {
            String key = Nodes.keyText(tuple, path);
            if (map.keyPattern() != null && !map.keyPattern().matcher(key).matches()) {
                throw Problems.invalid(tuple.getKeyNode(), path,
                        Problems.quote(key) + " is not a valid name (" + map.keyRule() + ")");
            }
            check(tuple.getValueNode(), map.value(), path.key(key));
        }
    }

    private void checkStruct(MappingNode node, Struct struct, TreePath path) {
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = Nodes.keyText(tuple, path);
            Field field = struct.fields().get(key);
            if (key.startsWith("x-")) {
                kept.add(tuple);
            } else if (field == null) {
                throw Problems.invalid(tuple.getKeyNode(), path.isRoot() ? null : path, "unknown key "
                        + Problems.quote(key) + Suggestions.didYouMean(key, struct.fields().keySet()));
            } else if (field.support() == Support.MODELED) {
                check(tuple.getValueNode(), field.shape(), path.key(key));
                kept.add(tuple);
            } else if (field.support() == Support.REJECTED) {
                throw Problems.unsupported(tuple.getKeyNode(), path.key(key),
                        "not supported yet; " + field.hint());
            } else if (field.support() == Support.OBSOLETE) {
                warnings.add(tuple.getKeyNode(), path.key(key) + " is obsolete and was ignored"
                        + " (remove it to avoid confusion)");
            } else {
                warnings.add(tuple.getKeyNode(), path.key(key) + " is not supported yet and was ignored");
            }
        }
        node.setValue(kept);
    }

    private static Shape pick(Node node, Either either, TreePath path) {
        for (Shape option : either.options()) {
            boolean fits = option instanceof Scalar ? Nodes.isScalar(node)
                    : option instanceof ListOf ? node instanceof SequenceNode
                    : node instanceof MappingNode;
            if (fits) {
                return option;
            }
        }
        throw wrongKind(node, either, path);
    }

    private static void expectKind(boolean fits, Node node, Shape shape, TreePath path) {
        if (!fits) {
            throw wrongKind(node, shape, path);
        }
    }

    private static RuntimeException wrongKind(Node node, Shape shape, TreePath path) {
        return Problems.invalid(node, path, "must be " + shape.describe() + ", not " + Nodes.describe(node));
    }
}
