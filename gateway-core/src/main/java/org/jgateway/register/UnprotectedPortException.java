package org.jgateway.register;

/**
 * A register or a gateway's inner port would listen beyond loopback with no secret; see {@link ProtectedMode}.
 */
public final class UnprotectedPortException extends IllegalStateException {

    private final String what;
    private final String host;

    UnprotectedPortException(String what, String host) {
        super("The " + what + " would listen on " + host + " with no secret: anyone who reaches it could act as a "
                + "cluster member. Set the cluster's secret (secretKey), bind a loopback address, or allow it "
                + "explicitly (allowNoSecret) for a cluster that must run without one");
        this.what = what;
        this.host = host;
    }

    /** What would have listened: "register" or "gateway '<listener>' inner port". */
    public String what() {
        return what;
    }

    /** The address it would have bound. */
    public String host() {
        return host;
    }

    /** Whether it is the register (else a gateway's inner port). */
    public boolean isRegister() {
        return what.equals("register");
    }
}
