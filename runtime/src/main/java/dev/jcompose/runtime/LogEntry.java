package dev.jcompose.runtime;

import java.time.Instant;

/** One record of a container's log: {@code text} ends with a newline unless the line was split (16 KiB) or unfinished. */
public record LogEntry(Instant time, String stream, String text) {}
