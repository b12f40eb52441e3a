package org.jgateway.autoconfigure;

/**
 * A {@code gateway.*} property has a value the application cannot start with. Carries what a
 * {@link InvalidGatewayPropertyFailureAnalyzer failure analysis} needs to tell the user which property to fix and how.
 */
public class InvalidGatewayPropertyException extends RuntimeException {

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
