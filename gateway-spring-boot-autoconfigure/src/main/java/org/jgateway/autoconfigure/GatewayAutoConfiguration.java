package org.jgateway.autoconfigure;

import org.jgateway.gateway.InJvmGateways;
import org.jgateway.transport.EventLoopResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What every JGateway process has, whatever its roles: the validated {@link GatewayProperties}, the roles it runs,
 * the event loops its roles share, the registers they use, and the gateway listeners its workers attach to in memory.
 */
@AutoConfiguration
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MachineType gatewayMachineType(GatewayProperties properties) {
        return MachineType.parse(properties.getMachineType());
    }

    /**
     * One group for every role: on a small box a few shared loops beat a group per engine. With a server role its
     * threads are not daemons, so a process that only runs gateway roles (no web server) stays up until it is
     * stopped, like any server; a pure client's loops do not hold the JVM.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventLoopResources gatewayEventLoopResources(GatewayProperties properties, MachineType machineType) {
        return EventLoopResources.create(properties.getEventLoopThreads(), "jgateway", machineType.isClientOnly());
    }

    /** Where this context's gateway registers its listeners and its business worker finds them. */
    @Bean
    @ConditionalOnMissingBean
    InJvmGateways gatewayInJvmGateways() {
        return new InJvmGateways();
    }

    @Bean
    @ConditionalOnMissingBean
    RegisterAddresses gatewayRegisterAddresses(GatewayProperties properties,
            ObjectProvider<RegisterServerLifecycle> localRegister) {
        if (!properties.getRegisterAddress().isEmpty()) {
            return RegisterAddresses.of(properties.getRegisterAddress());
        }
        RegisterServerLifecycle register = localRegister.getIfUnique();
        if (register != null) {
            return RegisterAddresses.local(register.host(), register.port());
        }
        return RegisterAddresses.defaults();
    }
}
