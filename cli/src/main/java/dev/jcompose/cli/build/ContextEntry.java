package dev.jcompose.cli.build;

import java.nio.file.Path;

/**
 * One planned archive entry: its header, and where the data comes from: {@code source} for a
 * regular file read at write time, or {@code content} for a generated file (else both null).
 */
record ContextEntry(TarHeader header, Path source, byte[] content) {}
