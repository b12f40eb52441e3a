package org.jgateway.spring.context;

import org.jgateway.gateway.GatewayServer;
import org.springframework.context.ApplicationEvent;

/**
 * Published when the gateway role of the application has bound its listeners and inner ports, e.g. to learn
 * ephemeral ports.
 */
public class GatewayServerInitializedEvent extends ApplicationEvent {

    public GatewayServerInitializedEvent(GatewayServer gateway) {
        super(gateway);
    }

    /** The started gateway. */
    public GatewayServer getGateway() {
        return (GatewayServer) getSource();
    }
}
