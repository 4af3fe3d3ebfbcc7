package dev.jcompose.compose.tree;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.ComposeFileException.Category;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Builds {@link ComposeFileException}s located at a node: the node's start mark gives the
 * file (the parse phase names every mark after its file), line and column.
 */
public final class Problems {

    private Problems() {
    }

    public static ComposeFileException invalid(Node at, TreePath path, String problem) {
        return at(Category.INVALID, at, path, problem);
    }

    public static ComposeFileException unsupported(Node at, TreePath path, String problem) {
        return at(Category.UNSUPPORTED, at, path, problem);
    }

    public static ComposeFileException notFound(Node at, TreePath path, String problem) {
        return at(Category.NOT_FOUND, at, path, problem);
    }

    public static ComposeFileException at(Category category, Node at, TreePath path, String problem) {
        Mark mark = at == null ? null : at.getStartMark();
        String where = path == null ? null : path.toString();
        if (mark == null) {
            return new ComposeFileException(category, null, 0, 0, where, problem);
        }
        return new ComposeFileException(category, mark.getName(), mark.getLine() + 1,
                mark.getColumn() + 1, where, problem);
    }

    /** {@code file:line:column: } for a node, used to prefix warnings. */
    public static String location(Node at) {
        Mark mark = at == null ? null : at.getStartMark();
        if (mark == null) {
            return "";
        }
        return mark.getName() + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    /** A value quoted for a message: {@code "80:80:80"}. */
    public static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
