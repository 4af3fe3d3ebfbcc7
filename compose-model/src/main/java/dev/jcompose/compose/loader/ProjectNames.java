package dev.jcompose.compose.loader;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.ComposeFileException.Category;
import dev.jcompose.compose.interpolate.Template;
import dev.jcompose.compose.interpolate.TemplateException;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The project name, by Compose's rules: {@code -p}, else {@code COMPOSE_PROJECT_NAME}, else the
 * last file's top-level {@code name:} (interpolated), else the project directory's name. A name
 * given by the user must already be valid; a directory name is normalized (lowercased, only
 * {@code [a-z0-9_-]} kept, leading {@code _} and {@code -} dropped), as compose-go's
 * {@code NormalizeProjectName}.
 */
public final class ProjectNames {

    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    private static final String RULE = "must consist only of lowercase alphanumeric characters, hyphens, and"
            + " underscores as well as start with a letter or number";

    private ProjectNames() {
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    public static String normalize(String name) {
        String kept = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return kept.replaceFirst("^[_-]+", "");
    }

    static String resolve(String explicit, Map<String, String> environment, List<MappingNode> files, Path projectDir) {
        if (explicit != null && !explicit.isEmpty()) {
            return checked(explicit, "");
        }
        String fromEnv = environment.get("COMPOSE_PROJECT_NAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return checked(fromEnv, " (from COMPOSE_PROJECT_NAME)");
        }
        Node nameNode = null;
        for (MappingNode file : files) {
            Node node = Nodes.get(file, "name");
            nameNode = Nodes.isScalar(node) ? node : nameNode;
        }
        if (nameNode != null) {
            String name;
            try {
                name = Template.substitute(Nodes.text(nameNode), environment::get);
            } catch (TemplateException e) {
                throw Problems.invalid(nameNode, TreePath.root().key("name"), e.getMessage());
            }
            if (!isValid(name)) {
                throw Problems.invalid(nameNode, TreePath.root().key("name"), invalid(name));
            }
            return name;
        }
        Path base = projectDir.getFileName();
        String fromDir = normalize(base == null ? "" : base.toString());
        if (fromDir.isEmpty()) {
            throw ComposeFileException.of(Category.INVALID, "cannot make a project name from the directory "
                    + projectDir + "; set one with -p, COMPOSE_PROJECT_NAME or a top-level name:");
        }
        return fromDir;
    }

    private static String checked(String name, String source) {
        if (!isValid(name)) {
            throw ComposeFileException.of(Category.INVALID, invalid(name) + source);
        }
        return name;
    }

    private static String invalid(String name) {
        String suggestion = normalize(name);
        return "invalid project name " + Problems.quote(name) + ": " + RULE
                + (suggestion.isEmpty() ? "" : " (such as " + Problems.quote(suggestion) + ")");
    }
}
