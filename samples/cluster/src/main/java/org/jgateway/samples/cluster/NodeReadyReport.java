package org.jgateway.samples.cluster;

import java.util.Locale;
import java.util.StringJoiner;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.register.RegisterServer;
import org.jgateway.worker.BusinessWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs one line saying what this node runs and where, once it is up:
 * {@code Cluster node ready: register=127.0.0.2:1236 websocket=127.0.0.2:7272 text=127.0.0.2:8282 ... engine=register} on
 * a master, {@code Cluster node ready: worker=worker-1 registers=127.0.0.2:1236 ... engine=register} on a worker (no
 * registers with the redis engine, which finds the gateways in Redis). With ports set to 0 it is the
 * only place the actual ports show up in the log; {@code ClusterProcessesIT} reads them from it.
 */
@Component
class NodeReadyReport {

    private static final Logger log = LoggerFactory.getLogger(NodeReadyReport.class);

    private final GatewayProperties properties;
    private final ObjectProvider<RegisterServer> register;
    private final ObjectProvider<GatewayServer> gateway;
    private final ObjectProvider<BusinessWorker> worker;

    NodeReadyReport(GatewayProperties properties, ObjectProvider<RegisterServer> register,
            ObjectProvider<GatewayServer> gateway, ObjectProvider<BusinessWorker> worker) {
        this.properties = properties;
        this.register = register;
        this.gateway = gateway;
        this.worker = worker;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        StringJoiner line = new StringJoiner(" ", "Cluster node ready: ", "");
        register.ifAvailable(server -> line.add("register=" + server.options().host() + ":" + server.port()));
        gateway.ifAvailable(server -> {
            for (ListenerStatus listener : server.listeners()) {
                line.add(listener.name() + "=" + listener.host() + ":" + listener.port());
                line.add(listener.name() + ".inner=" + listener.innerAddress());
            }
        });
        boolean registers = properties.getCluster().getEngine() == GatewayProperties.Engine.REGISTER;
        worker.ifAvailable(businessWorker -> {
            line.add("worker=" + businessWorker.options().name());
            if (registers) {
                line.add("registers=" + String.join(",", businessWorker.options().cluster().registerAddresses()));
            }
        });
        line.add("machine-type=" + properties.getMachineType());
        line.add("engine=" + properties.getCluster().getEngine().name().toLowerCase(Locale.ROOT));
        log.info("{}", line);
    }
}
