package org.jgateway.gateway;

/**
 * A gateway listener could not bind its client port or its inner port (in use, not a local address, no permission).
 */
public class GatewayBindException extends RuntimeException {

    private final String listener;
    private final String host;
    private final int port;
    private final boolean inner;

    /**
     * @param listener the listener's name
     * @param inner    whether the inner port (workers and API clients) failed, rather than the client port
     */
    public GatewayBindException(String listener, String host, int port, boolean inner, Throwable cause) {
        super("Gateway listener '" + listener + "' cannot listen on " + host + ":" + port + " ("
                + (inner ? "inner" : "client") + " port): " + (cause == null ? "unknown error" : cause.getMessage()),
                cause);
        this.listener = listener;
        this.host = host;
        this.port = port;
        this.inner = inner;
    }

    public String listener() {
        return listener;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether the inner port failed to bind; false for the client port. */
    public boolean inner() {
        return inner;
    }
}
