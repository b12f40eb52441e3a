package org.jgateway.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@code gateway.*} property has a value the application cannot start with. Carries what a
 * {@link InvalidGatewayPropertyFailureAnalyzer failure analysis} needs to tell the user which property to fix and how.
 * Values are checked where they are used, by the core's options builders; {@link #naming(String, Consumer)} turns a
 * builder's refusal into this exception, naming the property the value came from.
 */
public class InvalidGatewayPropertyException extends RuntimeException {

    private static final String CORRECT_IT = "correct the value, or remove the property for its default";

    private final String propertyName;
    private final Object value;
    private final String reason;
    private final String action;

    /**
     * @param propertyName the full property name, e.g. {@code gateway.listeners.ws.port}
     * @param value        the offending value (may be null)
     * @param reason       what is wrong with it
     * @param action       how to fix it
     */
    public InvalidGatewayPropertyException(String propertyName, Object value, String reason, String action) {
        this(propertyName, value, reason, action, null);
    }

    public InvalidGatewayPropertyException(String propertyName, Object value, String reason, String action,
            Throwable cause) {
        super("Invalid value '" + value + "' for property '" + propertyName + "': " + reason, cause);
        this.propertyName = propertyName;
        this.value = value;
        this.reason = reason;
        this.action = action;
    }

    /**
     * {@code setter} (a builder's) with the {@link IllegalArgumentException} it throws for a value it refuses reported
     * as an invalid value of {@code propertyName}, with the builder's message as the reason.
     */
    public static <T> Consumer<T> naming(String propertyName, Consumer<T> setter) {
        return value -> naming(propertyName, value, () -> {
            setter.accept(value);
            return null;
        });
    }

    /**
     * {@code build}'s result, with the {@link IllegalArgumentException} it throws reported as an invalid
     * {@code value} of {@code propertyName}: for a check of the whole options that only that property can fail.
     */
    public static <T> T naming(String propertyName, Object value, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidGatewayPropertyException(propertyName, value, e.getMessage(), CORRECT_IT, e);
        }
    }

    public String getPropertyName() {
        return propertyName;
    }

    public Object getValue() {
        return value;
    }

    public String getReason() {
        return reason;
    }

    public String getAction() {
        return action;
    }
}
