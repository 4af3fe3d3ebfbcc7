package dev.jcompose.compose.model;

import java.util.Objects;

/**
 * One {@code depends_on} entry (also the implicit ones from links, volumes_from and
 * {@code network_mode: service:x}).
 *
 * @param restart restart this service when the dependency is restarted or recreated
 * @param required when false, a missing or failing dependency is only a warning
 */
public record DependsOn(Condition condition, boolean restart, boolean required) {

    /** What "ready" means for the dependency. */
    public enum Condition {
        SERVICE_STARTED("service_started"),
        SERVICE_HEALTHY("service_healthy"),
        SERVICE_COMPLETED_SUCCESSFULLY("service_completed_successfully");

        private final String value;

        Condition(String value) {
            this.value = value;
        }

        /** The word used in Compose files. */
        public String value() {
            return value;
        }

        /** @return the condition, or null when {@code text} names none */
        public static Condition parse(String text) {
            for (Condition c : values()) {
                if (c.value.equals(text)) {
                    return c;
                }
            }
            return null;
        }
    }

    public DependsOn {
        Objects.requireNonNull(condition, "condition");
    }

    /** The short syntax's meaning: started, required, no restart. */
    public static DependsOn started() {
        return new DependsOn(Condition.SERVICE_STARTED, false, true);
    }
}
