package dev.jcompose.scheduler;

import java.util.List;

/**
 * Services depend on each other in a loop. The message shows the whole chain, read "depends
 * on": {@code dependency cycle detected: a -> b -> a}. The chain found first, searching names
 * in sorted order, is reported, so the message is the same on every run (as compose-go's
 * {@code graph/cycle.go}).
 */
public final class DependencyCycleException extends RuntimeException {

    private final List<String> cycle;

    public DependencyCycleException(List<String> cycle) {
        super("dependency cycle detected: " + String.join(" -> ", cycle));
        this.cycle = List.copyOf(cycle);
    }

    /** The chain, its first service repeated at the end: {@code [a, b, a]}. */
    public List<String> cycle() {
        return cycle;
    }
}
