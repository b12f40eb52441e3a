package org.jgateway.autoconfigure;

import java.util.List;
import javax.net.ssl.SSLException;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.WorkerRouter;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

/** Maps the {@code gateway.*} properties, beans and customizers onto {@link GatewayOptions}. */
final class GatewayOptionsFactory {

    private final GatewayProperties properties;
    private final ClusterConnectionOptions cluster;
    private final WorkerRouter router;
    private final SslBundles sslBundles;
    private final List<ListenerOptionsCustomizer> listenerCustomizers;
    private final List<GatewayOptionsCustomizer> customizers;

    /**
     * @param router     a router bean, or null for {@code gateway.router}
     * @param sslBundles the application's bundles, or null when SSL bundles are not configured
     */
    GatewayOptionsFactory(GatewayProperties properties, ClusterConnectionOptions cluster, WorkerRouter router,
            SslBundles sslBundles, List<ListenerOptionsCustomizer> listenerCustomizers,
            List<GatewayOptionsCustomizer> customizers) {
        this.properties = properties;
        this.cluster = cluster;
        this.router = router;
        this.sslBundles = sslBundles;
        this.listenerCustomizers = listenerCustomizers;
        this.customizers = customizers;
    }

    GatewayOptions create() {
        GatewayOptions.Builder builder = GatewayOptions.builder().cluster(cluster);
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getLanIp).to(builder::lanIp);
        map.from(properties::getStartPort).to(builder::startPort);
        map.from(properties::getInnerBindAddress).to(builder::innerBindHost);
        map.from(properties::getPingInterval).to(builder::pingInterval);
        map.from(properties::getPingNotResponseLimit).to(builder::pingNotResponseLimit);
        map.from(properties::getPingData).to(builder::pingData);
        map.from(properties::getSendToClientBufferSize).asInt(DataSize::toBytes).to(builder::sendToClientBufferSize);
        map.from(properties::getSendToWorkerBufferSize).asInt(DataSize::toBytes).to(builder::sendToWorkerBufferSize);
        map.from(properties::getSlowConsumerPolicy).to(builder::slowConsumerPolicy);
        map.from(router).orFrom(() -> router(properties.getRouter())).to(builder::router);
        map.from(properties::getHoldTimeout).to(builder::holdTimeout);
        map.from(properties::getMaxHeldEventsPerClient).to(builder::maxHeldEventsPerClient);
        map.from(properties::getHalfCloseLinger).to(builder::halfCloseLinger);
        for (ListenerSettings settings : ListenerSettings.of(properties)) {
            Integer innerPort = settings.listener().getInnerPort();
            builder.listener(listener(settings), innerPort != null ? innerPort : -1);
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private ListenerOptions listener(ListenerSettings settings) {
        GatewayProperties.Listener listener = settings.listener();
        ListenerOptions.Builder builder = ListenerOptions.builder(listener.getProtocol()).name(settings.name());
        PropertyMapper map = PropertyMapper.get();
        map.from(listener::getHost).to(builder::host);
        map.from(listener::getPort).to(builder::port);
        map.from(listener::getWebsocketPath).to(builder::webSocketPath);
        map.from(listener::getMaxMessageSize).asInt(DataSize::toBytes).to(builder::maxMessageSize);
        map.from(listener::getWebsocketFrameType).to(builder::webSocketFrameType);
        map.from(listener::getHandshakeTimeout).to(builder::handshakeTimeout);
        map.from(listener::getMaxConnectionsPerIp).to(builder::maxConnectionsPerIp);
        builder.heartbeat(listener.getPingInterval(), listener.getPingNotResponseLimit(), listener.getPingData());
        map.from(listener::getSslBundle).to(bundle -> builder.sslContextSupplier(sslContext(settings)));
        listenerCustomizers.forEach(customizer -> customizer.customize(settings.name(), builder));
        return builder.build();
    }

    private SslBundleContextSupplier sslContext(ListenerSettings settings) {
        String bundle = settings.listener().getSslBundle();
        String property = settings.property("ssl-bundle");
        String define = "define spring.ssl.bundle.pem." + bundle + " (certificate and private-key) or "
                + "spring.ssl.bundle.jks." + bundle + ", or correct the name";
        if (sslBundles == null) {
            throw new InvalidGatewayPropertyException(property, bundle, "no SSL bundles are configured", define);
        }
        try {
            return SslBundleContextSupplier.of(sslBundles, bundle);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidGatewayPropertyException(property, bundle, "there is no SSL bundle of that name (known: "
                    + sslBundles.getBundleNames() + ")", define, e);
        } catch (SSLException | RuntimeException e) {
            throw new InvalidGatewayPropertyException(property, bundle, "the bundle cannot serve TLS: " + e.getMessage(),
                    "give the bundle a server certificate with its private key", e);
        }
    }

    private static WorkerRouter router(GatewayProperties.Router router) {
        return switch (router) {
            case LEAST_CONNECTIONS -> WorkerRouter.leastConnections();
            case RANDOM -> WorkerRouter.random();
        };
    }
}
