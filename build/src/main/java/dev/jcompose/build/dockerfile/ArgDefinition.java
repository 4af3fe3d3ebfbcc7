package dev.jcompose.build.dockerfile;

/** {@code ARG name[=default]}: {@code defaultValue} as written, or null when there is none. */
public record ArgDefinition(String name, String defaultValue) {}
