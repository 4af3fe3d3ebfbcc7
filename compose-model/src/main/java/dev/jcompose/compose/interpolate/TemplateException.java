package dev.jcompose.compose.interpolate;

/** A {@code ${...}} expression is malformed, or a required variable ({@code ${X?err}}) is unset. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
