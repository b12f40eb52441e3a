package org.jgateway.autoconfigure;

import org.jgateway.transport.EventLoopResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What every JGateway process has, whatever its roles: the validated {@link GatewayProperties}, the roles it runs,
 * the event loops its roles share, and the registers they use.
 */
@AutoConfiguration
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MachineType gatewayMachineType(GatewayProperties properties) {
        return MachineType.parse(properties.getMachineType());
    }

    /** One group for every role: on a small box a few shared loops beat a group per engine. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventLoopResources gatewayEventLoopResources(GatewayProperties properties) {
        return EventLoopResources.create(properties.getEventLoopThreads(), "jgateway");
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
