package dev.jcompose.compose.parse;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.ComposeFileException.Category;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Phase 1, parse: YAML text to an untyped tree of SnakeYAML nodes that keep their marks.
 *
 * <p>Nothing is ever constructed from the document: it is only composed into nodes, with
 * SnakeYAML's {@link LoaderOptions} limits and its refusal of global tags, then copied by
 * {@link TreeCopier} (tags, aliases, duplicate keys) and its merge keys applied by a
 * {@code SafeConstructor} ({@link MergeKeys}).
 */
public final class YamlParser {

    /** Aliases to collections per document; SnakeYAML's default is 50. */
    static final int MAX_ALIASES = 100;
    /** How deep mappings and lists may nest. */
    static final int MAX_NESTING = 64;
    /** Characters per file: real Compose files are kilobytes; SnakeYAML's default is 3 MB. */
    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;
    /** Nodes once aliases are expanded. */
    static final int MAX_NODES = 1_000_000;

    private YamlParser() {
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** Reads one Compose file; {@code fileName} is how messages name it. */
    public static MappingNode read(Path file, String fileName) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new UnicodeReader(in), fileName);
        } catch (NoSuchFileException e) {
            throw ComposeFileException.inFile(Category.NOT_FOUND, fileName, "no such file");
        } catch (IOException e) {
            throw new ComposeFileException(Category.NOT_FOUND, fileName, 0, 0, null,
                    "cannot read the file: " + e.getMessage(), e);
        }
    }

    public static MappingNode parse(String content, String fileName) {
        return parse(new StringReader(content), fileName);
    }

    private static MappingNode parse(Reader reader, String fileName) {
        LoaderOptions options = loaderOptions();
        Node root;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(reader), options),
                    new Yaml12Resolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            throw fromSnakeYaml(e, fileName);
        } catch (YAMLException e) {
            throw new ComposeFileException(Category.INVALID, fileName, 0, 0, null, e.getMessage(), e);
        }
        if (root == null || Nodes.isNull(root)) {
            throw ComposeFileException.inFile(Category.INVALID, fileName,
                    "the file is empty; a Compose file is a mapping with at least \"services:\"");
        }
        Node copy = new TreeCopier(fileName, MAX_NODES).copy(root, TreePath.root(), false);
        if (!(copy instanceof MappingNode mapping)) {
            throw Problems.invalid(copy, null, "the top level must be a mapping, found " + Nodes.describe(copy));
        }
        flattenMergeKeys(mapping, TreePath.root(), new MergeKeys(options));
        return mapping;
    }

    /** Children first, so a mapping merged into another has already been flattened. */
    private static void flattenMergeKeys(Node node, TreePath path, MergeKeys mergeKeys) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                flattenMergeKeys(tuple.getValueNode(), path.key(key), mergeKeys);
            }
            try {
                mergeKeys.flatten(mapping);
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark();
                throw new ComposeFileException(Category.INVALID, fileName(mark), line(mark), column(mark),
                        path.toString(), e.getProblem(), e);
            }
        } else {
            int i = 0;
            for (Node item : Nodes.items(node)) {
                flattenMergeKeys(item, path.index(i++), mergeKeys);
            }
        }
    }

    private static ComposeFileException fromSnakeYaml(MarkedYAMLException e, String fileName) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        if (problem.startsWith("Global tag is not allowed: ")) {
            String tag = problem.substring("Global tag is not allowed: ".length());
            if (tag.startsWith("tag:yaml.org,2002:")) {
                tag = "!!" + tag.substring("tag:yaml.org,2002:".length());
            }
            problem = "YAML tag " + Problems.quote(tag) + " is not allowed (Compose files are plain YAML;"
                    + " only !reset and !override are accepted, on values)";
        } else if (e.getContext() != null) {
            problem = problem + " (" + e.getContext() + ")";
        }
        return new ComposeFileException(Category.INVALID, fileName, line(mark), column(mark), null, problem, e);
    }

    private static String fileName(Mark mark) {
        return mark == null ? null : mark.getName();
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    private static int column(Mark mark) {
        return mark == null ? 0 : mark.getColumn() + 1;
    }
}
