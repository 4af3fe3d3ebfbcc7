package dev.jcompose.scheduler;

import java.util.List;

/**
 * The action for one service failed, so the plan stopped: services not started yet were
 * skipped, services already running were let finish. Failures of other services that were
 * running at the same time are attached as suppressed exceptions.
 */
public final class ServiceActionException extends RuntimeException {

    private final String service;
    private final List<String> skipped;

    public ServiceActionException(String service, Throwable cause, List<String> skipped) {
        super("service \"" + service + "\" failed: " + describe(cause)
                + (skipped.isEmpty() ? "" : " (skipped: " + String.join(", ", skipped) + ")"), cause);
        this.service = service;
        this.skipped = List.copyOf(skipped);
    }

    /** The service whose action failed first. */
    public String service() {
        return service;
    }

    /** The services whose action never started, in plan order. */
    public List<String> skipped() {
        return skipped;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
