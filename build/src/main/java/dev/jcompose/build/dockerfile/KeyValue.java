package dev.jcompose.build.dockerfile;

/** A {@code key=value} of ENV or LABEL, both as written (quotes kept); expand them with {@link WordExpander}. */
public record KeyValue(String key, String value) {}
