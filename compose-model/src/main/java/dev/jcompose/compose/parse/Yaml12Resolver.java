package dev.jcompose.compose.parse;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by YAML 1.2's core schema, as compose-go's YAML library does, instead
 * of SnakeYAML's YAML 1.1 rules: {@code yes}, {@code no}, {@code on}, {@code off}, {@code y} and
 * {@code n} are strings, not booleans; {@code 22:22} is a string, not a base-60 number;
 * {@code 0o17} is octal, {@code 017} is decimal; there are no implicit timestamps. The merge key
 * {@code <<} is kept (YAML 1.1's, which Compose files use with anchors).
 */
final class Yaml12Resolver extends Resolver {

    static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    static final Pattern CORE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern MERGE_KEY = Pattern.compile("^(?:<<)$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF");
        addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.MERGE, MERGE_KEY, "<");
        addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0");
        addImplicitResolver(Tag.NULL, EMPTY, null);
    }
}
