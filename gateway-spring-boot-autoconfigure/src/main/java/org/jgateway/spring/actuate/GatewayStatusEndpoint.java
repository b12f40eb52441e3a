package org.jgateway.spring.actuate;

import java.time.Clock;
import java.util.List;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.worker.BusinessWorker;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/gateway-status}: what workerman's {@code php start.php status} shows for this process, per role
 * and per gateway listener.
 * <p>
 * Two read operations share the path and differ in what they produce, so HTTP content negotiation picks one: JSON
 * ({@link GatewayStatusDescriptor}) by default and for {@code Accept: application/json}, the workerman-style table
 * ({@link GatewayStatusText}) for {@code Accept: text/plain}. Over JMX they are the operations {@code status} and
 * {@code statusText}.
 */
@Endpoint(id = GatewayStatusEndpoint.ID)
public class GatewayStatusEndpoint {

    /**
     * The endpoint id: letters only, as Spring Boot asks of ids (a {@code -} in an id is logged as invalid at every
     * start). Ids compare without case and dashes, so {@code management.endpoints.web.exposure.include=gateway-status}
     * and {@code management.endpoint.gateway-status.*} address it.
     */
    public static final String ID = "gatewayStatus";

    /** The web path under the actuator base path, mapped by {@link GatewayStatusPathMapper}. */
    public static final String PATH = "gateway-status";

    private final GatewayStatusCollector collector;
    private final Clock clock;

    /**
     * @param registers the registers this process runs (may be empty), likewise {@code gateways} and {@code workers}
     * @param sampler computes the {@code qps} values; closed by its owner, not by the endpoint
     */
    public GatewayStatusEndpoint(List<RegisterServer> registers, List<GatewayServer> gateways,
            List<BusinessWorker> workers, RequestRateSampler sampler) {
        this(registers, gateways, workers, sampler, ClusterEngineStatus.REGISTER);
    }

    /** As above, for a process whose cluster engine is described by {@code engine}. */
    public GatewayStatusEndpoint(List<RegisterServer> registers, List<GatewayServer> gateways,
            List<BusinessWorker> workers, RequestRateSampler sampler, ClusterEngineStatus engine) {
        this(registers, gateways, workers, sampler, engine, Clock.systemDefaultZone());
    }

    GatewayStatusEndpoint(List<RegisterServer> registers, List<GatewayServer> gateways, List<BusinessWorker> workers,
            RequestRateSampler sampler, ClusterEngineStatus engine, Clock clock) {
        this.collector = new GatewayStatusCollector(registers, gateways, workers, sampler, engine, clock);
        this.clock = clock;
    }

    /** The status as JSON. */
    @ReadOperation
    public GatewayStatusDescriptor status() {
        return collector.collect();
    }

    /** The status as workerman's text table. */
    @ReadOperation(produces = "text/plain;charset=UTF-8")
    public String statusText() {
        return GatewayStatusText.render(collector.collect(), clock.getZone());
    }
}
