package org.jgateway.autoconfigure;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.spring.context.ClusterTls;
import org.jgateway.spring.context.RegisterServerLifecycle;
import org.jgateway.transport.EventLoopResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/** The register role ({@code gateway.machine-type} includes {@code register}). */
@AutoConfiguration(after = GatewayAutoConfiguration.class)
@ConditionalOnGatewayRole(GatewayRole.REGISTER)
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayRegisterAutoConfiguration {

    /** Closed by its lifecycle, which also covers a context that fails to start. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    RegisterServer gatewayRegisterServer(GatewayProperties properties, EventLoopResources eventLoops,
            ObjectProvider<ClusterTls> tls, ObjectProvider<RegisterOptionsCustomizer> customizers) {
        RegisterOptions.Builder options = registerOptions(properties);
        PropertyMapper.get().from(tls.getIfAvailable()).to(cluster -> options.sslContextSupplier(cluster.server())
                .requireClientCertificate(cluster.requireClientCertificate()));
        customizers.orderedStream().forEach(customizer -> customizer.customize(options));
        return new RegisterServer(options.build(), eventLoops.borrowed());
    }

    /** The {@code gateway.register.*} properties and the shared secret mapped onto the register's options. */
    static RegisterOptions.Builder registerOptions(GatewayProperties properties) {
        RegisterOptions.Builder options = RegisterOptions.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties.getRegister()::getHost).to(naming("gateway.register.host", options::host));
        map.from(properties.getRegister()::getPort).to(naming("gateway.register.port", options::port));
        map.from(properties::getSecretKey).to(options::secretKey);
        map.from(properties.getSecurity()::isAllowNoSecret).to(options::allowNoSecret);
        return options;
    }

    @Bean
    @ConditionalOnMissingBean
    RegisterServerLifecycle gatewayRegisterServerLifecycle(RegisterServer register, ApplicationEventPublisher events) {
        return new RegisterServerLifecycle(register, events);
    }
}
