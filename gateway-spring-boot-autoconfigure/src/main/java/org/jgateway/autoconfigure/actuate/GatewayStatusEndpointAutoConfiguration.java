package org.jgateway.autoconfigure.actuate;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.spring.actuate.ClusterEngineStatus;
import org.jgateway.spring.actuate.GatewayStatusEndpoint;
import org.jgateway.spring.actuate.GatewayStatusPathMapper;
import org.jgateway.spring.actuate.RequestRateSampler;
import org.jgateway.worker.BusinessWorker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The {@code gateway-status} actuator endpoint ({@link GatewayStatusEndpoint}, served at
 * {@code /actuator/gateway-status} by {@link GatewayStatusPathMapper}), when actuator is on the classpath, the endpoint
 * is available (enabled and exposed) and this process runs at least one JGateway role.
 */
@AutoConfiguration(afterName = "org.jgateway.autoconfigure.GatewayAutoConfiguration")
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(GatewayStatusEndpoint.class)
@Conditional(OnGatewayRoleCondition.class)
public final class GatewayStatusEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestRateSampler gatewayStatusRequestRateSampler() {
        return new RequestRateSampler();
    }

    @Bean
    @ConditionalOnMissingBean
    GatewayStatusPathMapper gatewayStatusPathMapper(Environment environment) {
        return new GatewayStatusPathMapper(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    GatewayStatusEndpoint gatewayStatusEndpoint(ObjectProvider<RegisterServer> registers,
            ObjectProvider<GatewayServer> gateways, ObjectProvider<BusinessWorker> workers,
            RequestRateSampler sampler, ObjectProvider<ClusterEngineStatus> engine) {
        return new GatewayStatusEndpoint(registers.orderedStream().toList(), gateways.orderedStream().toList(),
                workers.orderedStream().toList(), sampler, engine.getIfAvailable(() -> ClusterEngineStatus.REGISTER));
    }
}
