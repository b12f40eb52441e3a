package org.jgateway.gateway;

import java.util.List;
import org.jgateway.register.RegisterClient;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;

/** Announces a gateway's inner addresses to every configured register and keeps them announced. */
final class GatewayAnnouncer implements AutoCloseable {

    private final RegisterClient client;

    GatewayAnnouncer(GatewayOptions options, List<String> addresses, EventLoopResources resources) {
        RegisterClientOptions registerOptions = RegisterClientOptions.builder()
                .registerAddresses(options.registerAddresses())
                .secretKey(options.secretKey())
                .build();
        this.client = RegisterClient.forGateway(addresses, registerOptions, resources);
    }

    void start() {
        client.start();
    }

    int connectedRegisters() {
        return client.connectedRegisterCount();
    }

    @Override
    public void close() {
        client.close();
    }
}
