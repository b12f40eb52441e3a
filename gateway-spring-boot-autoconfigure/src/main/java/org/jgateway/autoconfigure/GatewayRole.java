package org.jgateway.autoconfigure;

import java.util.Locale;

/** A role a process can run, as named in {@code gateway.machine-type}. */
public enum GatewayRole {

    /** The discovery service gateways announce themselves to. */
    REGISTER,

    /** Holds client connections and forwards their events to workers. */
    GATEWAY,

    /** Runs the business event handlers. */
    WORKER;

    /** The name used in {@code gateway.machine-type}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
