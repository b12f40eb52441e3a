package org.jgateway.redis;

/**
 * Redis could not be reached or refused to let this process in: at startup this stops the process with the reason
 * (address, user, what Redis answered), never with a password.
 */
public class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why Redis could not be used. */
    enum Reason {
        UNREACHABLE, AUTHENTICATION, TLS_HANDSHAKE
    }

    private final Reason reason;

    RedisUnavailableException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Whether Redis was reached but refused the credentials (wrong password, unknown or disabled ACL user). */
    public boolean isAuthentication() {
        return reason == Reason.AUTHENTICATION;
    }

    /**
     * Whether the TLS handshake failed: the server's certificate is not trusted or does not name the host, or the
     * server refused this process's certificate.
     */
    public boolean isTlsHandshake() {
        return reason == Reason.TLS_HANDSHAKE;
    }
}
