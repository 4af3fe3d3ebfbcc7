package dev.jcompose.compose.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a node sits in the untyped tree: {@code services.web.ports[1]}, as compose-go's
 * {@code tree.Path}. Immutable; {@link #key} and {@link #index} return a longer path.
 */
public final class TreePath {

    private static final TreePath ROOT = new TreePath(null, null, -1);

    private final TreePath parent;
    private final String key;
    private final int index;

    private TreePath(TreePath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    public static TreePath root() {
        return ROOT;
    }

    /** Parses a dotted pattern such as {@code services.*.ports}; {@code *} matches any key. */
    public static TreePath of(String dotted) {
        TreePath path = ROOT;
        for (String part : dotted.split("\\.")) {
            path = path.key(part);
        }
        return path;
    }

    public TreePath key(String name) {
        return new TreePath(this, name, -1);
    }

    public TreePath index(int i) {
        return new TreePath(this, null, i);
    }

    public TreePath parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** The last key of this path, or null when it ends with an index or is the root. */
    public String lastKey() {
        return key;
    }

    /** Key segments from the root, indexes shown as {@code [i]}. */
    public List<String> segments() {
        List<String> out = new ArrayList<>();
        for (TreePath p = this; p.parent != null; p = p.parent) {
            out.add(p.key != null ? p.key : "[" + p.index + "]");
        }
        Collections.reverse(out);
        return out;
    }

    /** True when every segment equals the pattern's, or the pattern's is {@code *}. */
    public boolean matches(TreePath pattern) {
        List<String> mine = segments();
        List<String> theirs = pattern.segments();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!theirs.get(i).equals("*") && !theirs.get(i).equals(mine.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        String head = parent.toString();
        if (key == null) {
            return head + "[" + index + "]";
        }
        return head.isEmpty() ? key : head + "." + key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreePath other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
