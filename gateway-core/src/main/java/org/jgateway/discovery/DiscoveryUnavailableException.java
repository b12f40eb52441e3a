package org.jgateway.discovery;

/** The gateway list could not be obtained in time: the discovery service is unreachable or refused us. */
public class DiscoveryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiscoveryUnavailableException(String message) {
        super(message);
    }

    public DiscoveryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
