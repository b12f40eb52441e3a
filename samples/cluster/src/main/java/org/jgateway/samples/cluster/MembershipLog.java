package org.jgateway.samples.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.worker.BusinessWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Logs each change of the cluster as this node sees it: on a gateway machine the workers connected to each listener,
 * on a worker machine the gateways it is connected to. Watching these lines is how you follow a worker leaving and
 * coming back (and how {@code ClusterProcessesIT} knows when a node is part of the cluster).
 * <p>
 * The engines have no membership callbacks, so the view is sampled.
 */
@Component
class MembershipLog {

    private static final Logger log = LoggerFactory.getLogger(MembershipLog.class);

    private final ObjectProvider<GatewayServer> gateway;
    private final ObjectProvider<BusinessWorker> worker;
    private final Map<String, List<String>> lastSeen = new HashMap<>();

    MembershipLog(ObjectProvider<GatewayServer> gateway, ObjectProvider<BusinessWorker> worker) {
        this.gateway = gateway;
        this.worker = worker;
    }

    @Scheduled(fixedDelayString = "${cluster.membership-log-interval:200ms}")
    void sample() {
        gateway.ifAvailable(server -> {
            for (ListenerStatus listener : server.listeners()) {
                changed("Gateway listener '" + listener.name() + "' workers", listener.workers().stream().sorted().toList());
            }
        });
        worker.ifAvailable(businessWorker -> changed("Worker '" + businessWorker.options().name() + "' gateways",
                businessWorker.connectedGateways().stream().sorted().toList()));
    }

    private void changed(String what, List<String> members) {
        if (!Objects.equals(lastSeen.put(what, members), members)) {
            log.info("{}: {}", what, members);
        }
    }
}
