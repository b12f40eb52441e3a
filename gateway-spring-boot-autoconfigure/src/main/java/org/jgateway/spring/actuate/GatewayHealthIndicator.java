package org.jgateway.spring.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.register.RegisterServer;
import org.jgateway.register.RegisterStats;
import org.jgateway.worker.BusinessWorker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the JGateway roles this process runs ({@code gateway} component).
 * <p>
 * DOWN when a register is not listening, or when a gateway or business worker cannot reach its discovery: no register
 * connected, or with the redis engine the last Redis round trip failed (a gateway nobody lists gets no new workers; a
 * worker that reads no list learns of no new gateway). UP otherwise: a gateway without workers, or a worker without
 * gateways, is a state of the cluster rather than of this process and is shown in the details only. Details, per
 * role: {@code register} (listening, running, gateways, workers), {@code gateway} (registersConnected,
 * discoveryConnected, workersPerListener, clientsPerListener), {@code worker} (name, registersConnected,
 * discoveryConnected, gatewaysConnected, gatewaysKnown, pendingEvents). A second instance of a role gets the key
 * {@code role-2}, and so on.
 */
public class GatewayHealthIndicator implements HealthIndicator {

    private final List<RegisterServer> registers;
    private final List<GatewayServer> gateways;
    private final List<BusinessWorker> workers;

    public GatewayHealthIndicator(List<RegisterServer> registers, List<GatewayServer> gateways,
            List<BusinessWorker> workers) {
        this.registers = List.copyOf(registers);
        this.gateways = List.copyOf(gateways);
        this.workers = List.copyOf(workers);
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < registers.size(); i++) {
            RegisterServer register = registers.get(i);
            RegisterStats stats = register.stats();
            boolean running = register.isRunning();
            up &= running;
            Map<String, Object> detail = new LinkedHashMap<>();
            String address = GatewayStatusCollector.registerAddress(register);
            detail.put("listening", address == null ? "none" : address);
            detail.put("running", running);
            detail.put("gateways", stats.gatewayAddresses());
            detail.put("workers", stats.workerConnections());
            details.put(key("register", i), detail);
        }
        for (int i = 0; i < gateways.size(); i++) {
            GatewayServer gateway = gateways.get(i);
            int registersConnected = gateway.connectedRegisters();
            up &= gateway.isDiscoveryConnected();
            Map<String, Integer> workersPerListener = new LinkedHashMap<>();
            Map<String, Integer> clientsPerListener = new LinkedHashMap<>();
            for (ListenerStatus listener : gateway.listeners()) {
                workersPerListener.put(listener.name(), listener.workers().size());
                clientsPerListener.put(listener.name(), listener.clients());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("registersConnected", registersConnected);
            detail.put("discoveryConnected", gateway.isDiscoveryConnected());
            detail.put("workersPerListener", workersPerListener);
            detail.put("clientsPerListener", clientsPerListener);
            details.put(key("gateway", i), detail);
        }
        for (int i = 0; i < workers.size(); i++) {
            BusinessWorker worker = workers.get(i);
            int registersConnected = worker.connectedRegisters();
            up &= worker.isDiscoveryConnected();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", worker.options().name());
            detail.put("registersConnected", registersConnected);
            detail.put("discoveryConnected", worker.isDiscoveryConnected());
            detail.put("gatewaysConnected", worker.connectedGateways().size());
            detail.put("gatewaysKnown", worker.knownGateways().size());
            detail.put("pendingEvents", worker.pendingEvents());
            details.put(key("worker", i), detail);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static String key(String role, int index) {
        return index == 0 ? role : role + "-" + (index + 1);
    }
}
