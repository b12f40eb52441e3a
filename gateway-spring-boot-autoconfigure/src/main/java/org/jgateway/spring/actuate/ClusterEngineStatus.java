package org.jgateway.spring.actuate;

import org.jgateway.spring.actuate.GatewayStatusDescriptor.ClusterStatus;

/**
 * The cluster engine's part of the {@code gateway-status} endpoint, read at every request. The redis engine's
 * auto-configuration provides one with its Redis connection; without, the status shows the register engine.
 */
@FunctionalInterface
public interface ClusterEngineStatus {

    /** The register engine: no connection of its own (the registers are shown per role). */
    ClusterEngineStatus REGISTER = () -> ClusterStatus.REGISTER;

    ClusterStatus status();
}
