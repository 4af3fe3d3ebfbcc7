package dev.jcompose.compose.interpolate;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import dev.jcompose.compose.tree.Warnings;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Phase 2, interpolate: substitutes variables in every scalar value of one file's tree, never
 * in keys (to interpolate a label name, use the list form {@code - "$K=v"}). Runs per file,
 * before files are merged. An unset variable becomes "" with one warning per variable; a
 * malformed expression or a missing required variable is an error at that scalar.
 */
public final class Interpolator {

    private final Map<String, String> environment;
    private final Warnings warnings;

    public Interpolator(Map<String, String> environment, Warnings warnings) {
        this.environment = environment;
        this.warnings = warnings;
    }

    public void interpolate(MappingNode root) {
        visit(root, TreePath.root());
    }

    /** Returns the node to keep in place of {@code node}. */
    private Node visit(Node node, TreePath path) {
        if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = mapping.getValue();
            for (int i = 0; i < tuples.size(); i++) {
                NodeTuple tuple = tuples.get(i);
                Node value = visit(tuple.getValueNode(), path.key(Nodes.keyText(tuple, path)));
                if (value != tuple.getValueNode()) {
                    tuples.set(i, new NodeTuple(tuple.getKeyNode(), value));
                }
            }
            return node;
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                items.set(i, visit(items.get(i), path.index(i)));
            }
            return node;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (Nodes.isNull(scalar) || scalar.getValue().indexOf('$') < 0) {
            return node;
        }
        Template template = new Template(environment::get, name -> warnings.addOnce("variable " + name, node,
                path + ": the " + Problems.quote(name) + " variable is not set, defaulting to a blank string"));
        try {
            String value = template.substitute(scalar.getValue());
            return new ScalarNode(Nodes.tagFor(scalar, Tag.STR), true, value, scalar.getStartMark(), scalar.getEndMark(),
                    scalar.getScalarStyle());
        } catch (TemplateException e) {
            throw Problems.invalid(node, path, e.getMessage());
        }
    }
}
