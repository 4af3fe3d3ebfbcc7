package dev.jcompose.build.dockerfile;

/**
 * A here-document ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}): {@code name} is its
 * delimiter word; {@code expand} is false when the delimiter was quoted (no variable expansion);
 * with {@code <<-} leading tabs were already stripped from {@code content}.
 */
public record Heredoc(String name, String content, boolean expand) {}
