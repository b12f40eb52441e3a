package org.jgateway.autoconfigure;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import java.util.List;
import javax.net.ssl.SSLException;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.history.HistoryStore;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.spring.context.ClusterTls;
import org.jgateway.spring.context.RegisterAddresses;
import org.jgateway.spring.context.RegisterServerLifecycle;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.NettyTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every JGateway process has, whatever its roles: the {@link GatewayProperties}, the roles it runs,
 * the event loops its roles share, the gateway listeners its workers attach to in memory, how the roles reach the
 * cluster and the Gateway API settings they share.
 */
@AutoConfiguration
@EnableConfigurationProperties(GatewayProperties.class)
public final class GatewayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MachineType gatewayMachineType(GatewayProperties properties) {
        return InvalidGatewayPropertyException.naming("gateway.machine-type", properties.getMachineType(),
                () -> MachineType.parse(properties.getMachineType()));
    }

    /**
     * One group for every role: on a small box a few shared loops beat a group per engine. With a server role its
     * threads are not daemons, so a process that only runs gateway roles (no web server) stays up until it is
     * stopped, like any server; a pure client's loops do not hold the JVM.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventLoopResources gatewayEventLoopResources(GatewayProperties properties, MachineType machineType) {
        NettyTransport transport = InvalidGatewayPropertyException.naming("gateway.transport",
                properties.getTransport(), () -> properties.getTransport() == NettyTransport.Kind.AUTO
                        ? NettyTransport.auto() : NettyTransport.of(properties.getTransport()));
        return InvalidGatewayPropertyException.naming("gateway.event-loop-threads", properties.getEventLoopThreads(),
                () -> EventLoopResources.create(properties.getEventLoopThreads(), "jgateway", machineType.isClientOnly(),
                        transport));
    }

    /**
     * The history the gateway recovers clients from and the Gateway API appends to: in memory when
     * {@code gateway.history.*} names streams (in Redis with the redis engine: that auto-configuration's bean), else
     * none (sends go out exactly as without history).
     */
    @Bean
    @ConditionalOnMissingBean
    HistoryStore gatewayHistoryStore(GatewayProperties properties, MachineType machineType) {
        return HistoryStoreFactory.create(properties.getHistory(), machineType, properties.getCluster().getEngine());
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

    /**
     * TLS between the roles from the SSL bundle {@code gateway.cluster.ssl.bundle}: servers (register, inner ports)
     * and clients (worker, gateway's register links, Gateway API client) alike.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("gateway.cluster.ssl.bundle")
    ClusterTls gatewayClusterTls(GatewayProperties properties, ObjectProvider<SslBundles> sslBundles) {
        String property = "gateway.cluster.ssl.bundle";
        GatewayProperties.Ssl ssl = properties.getCluster().getSsl();
        String bundle = ssl.getBundle();
        if (properties.getSecurity().isAllowNoSecret()) {
            throw new InvalidGatewayPropertyException(property, bundle, "gateway.security.allow-no-secret is set, which "
                    + "is for a cluster with PHP GatewayWorker processes, and those cannot speak TLS to registers or "
                    + "inner ports", "run a mixed cluster without TLS between the roles (remove " + property + "), or "
                    + "give every process a secret and remove gateway.security.allow-no-secret");
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        String define = "define spring.ssl.bundle.pem." + bundle + " or spring.ssl.bundle.jks." + bundle
                + " (key store with this process's certificate, trust store with the other roles' CA)";
        if (bundles == null) {
            throw new InvalidGatewayPropertyException(property, bundle, "no SSL bundles are configured", define);
        }
        try {
            return ClusterTls.of(bundles, bundle, ssl.getClientAuth() == GatewayProperties.ClientAuth.NEED);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidGatewayPropertyException(property, bundle, "there is no SSL bundle of that name (known: "
                    + bundles.getBundleNames() + ")", define, e);
        } catch (SSLException | RuntimeException e) {
            throw new InvalidGatewayPropertyException(property, bundle, "the bundle cannot serve TLS between the roles: "
                    + e.getMessage(), "give the bundle a key store with a certificate and its private key", e);
        }
    }

    /** How the gateway, the worker and the Gateway API client of this process reach the cluster. */
    @Bean
    @ConditionalOnMissingBean
    ClusterConnectionOptions gatewayClusterConnectionOptions(GatewayProperties properties, RegisterAddresses registers,
            ObjectProvider<ClusterTls> tls, ObjectProvider<ClusterConnectionOptionsCustomizer> customizers) {
        ClusterConnectionOptions.Builder builder = ClusterConnectionOptions.builder();
        PropertyMapper map = PropertyMapper.get();
        List<String> addresses = registers.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            // Each address on its own first, so that the error names the entry.
            map.from(List.of(addresses.get(i))).to(naming("gateway.register-address[" + i + "]",
                    builder::registerAddresses));
        }
        map.from(addresses).to(builder::registerAddresses);
        map.from(properties::getSecretKey).to(builder::secretKey);
        map.from(properties.getSecurity()::isAllowNoSecret).to(builder::allowNoSecret);
        map.from(properties.getClient()::getConnectTimeout)
                .to(naming("gateway.client.connect-timeout", builder::connectTimeout));
        map.from(properties.getCluster()::getPeerTimeout)
                .to(naming("gateway.cluster.peer-timeout", builder::peerTimeout));
        map.from(tls.getIfAvailable()).to(cluster -> builder.registerSslContextSupplier(cluster.client())
                .gatewaySslContextSupplier(cluster.client()));
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * GatewayWorker's discovery through the registers, unless an engine brought its own (the redis engine's
     * auto-configuration runs first). {@code gateway.cluster.engine=redis} arriving here means the redis engine is
     * not on the class path: refused rather than silently running the register engine.
     */
    @Bean
    @ConditionalOnMissingBean
    GatewayDiscovery gatewayDiscovery(GatewayProperties properties, ClusterConnectionOptions cluster) {
        if (properties.getCluster().getEngine() == GatewayProperties.Engine.REDIS) {
            throw new InvalidGatewayPropertyException("gateway.cluster.engine", "redis",
                    "the redis engine needs org.jgateway:gateway-redis and "
                            + "org.springframework.boot:spring-boot-data-redis on the class path",
                    "depend on org.jgateway:gateway-spring-boot-starter-redis instead of gateway-spring-boot-starter, "
                            + "or set it to register (the default)");
        }
        return new RegisterDiscovery(cluster);
    }

    /**
     * The Gateway API of the worker and of the client: messages sent through it come out as the application's JSON
     * ({@code spring.jackson.*}), like handlers' return values.
     */
    @Bean
    @ConditionalOnMissingBean
    GatewayApiOptions gatewayApiOptions(GatewayProperties properties, ObjectProvider<JsonMapper> jsonMapper,
            HistoryStore history, ObjectProvider<ClusterBroker> broker) {
        GatewayApiOptions.Builder builder = GatewayApiOptions.builder().history(history);
        PropertyMapper map = PropertyMapper.get();
        map.from(properties.getClient()::getQueryTimeout).to(naming("gateway.client.query-timeout", builder::queryTimeout));
        jsonMapper.ifUnique(builder::jsonMapper);
        // The cluster engine's sender side, when one is configured (gateway.cluster.engine); else the register's.
        broker.ifUnique(builder::broker);
        return builder.build();
    }
}
