package org.jgateway.worker;

import org.jgateway.register.RegisterClient;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;

/** A worker's view of the registers: the gateway list, fed to the worker on every change. */
final class WorkerDiscovery implements AutoCloseable {

    private final RegisterClient client;

    WorkerDiscovery(BusinessWorker worker, EventLoopResources resources) {
        WorkerOptions options = worker.options();
        RegisterClientOptions registerOptions = RegisterClientOptions.builder()
                .registerAddresses(options.registerAddresses())
                .secretKey(options.secretKey())
                .connectTimeout(options.connectTimeout())
                .build();
        this.client = RegisterClient.forWorker(registerOptions, resources, worker::gatewayAddressesChanged);
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
