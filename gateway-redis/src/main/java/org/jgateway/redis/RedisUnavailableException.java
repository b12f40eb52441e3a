package org.jgateway.redis;

/**
 * Redis could not be reached or refused to let this process in: at startup this stops the process with the reason
 * (address, user, what Redis answered), never with a password.
 */
public class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean authentication;

    RedisUnavailableException(String message, boolean authentication, Throwable cause) {
        super(message, cause);
        this.authentication = authentication;
    }

    /** Whether Redis was reached but refused the credentials (wrong password, unknown or disabled ACL user). */
    public boolean isAuthentication() {
        return authentication;
    }
}
