package org.jgateway.register;

/** The register could not listen on its address (in use, not local, no permission). */
public class RegisterBindException extends RuntimeException {

    private final String host;
    private final int port;

    public RegisterBindException(String host, int port, Throwable cause) {
        super("Register cannot listen on " + host + ":" + port + ": " + (cause == null ? "unknown error" : cause.getMessage()),
                cause);
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
