package dev.jcompose.scheduler;

/** A service named on the command line, or as a dependency, is not in the project. */
public final class UnknownServiceException extends IllegalArgumentException {

    private final String service;

    public UnknownServiceException(String service, String message) {
        super(message);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
