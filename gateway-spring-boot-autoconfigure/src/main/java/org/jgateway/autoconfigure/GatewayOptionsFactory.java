package org.jgateway.autoconfigure;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.WorkerRouter;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.spring.context.SslBundleContextSupplier;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * Maps the {@code gateway.*} properties, beans and customizers onto {@link GatewayOptions}. The builders check the
 * values; a value they refuse fails the startup naming its property.
 */
final class GatewayOptionsFactory {

    /**
     * Listener properties with no {@code ListenerOptions.Builder} method of their name: the SSL bundle becomes a
     * context supplier, the inner port is the gateway's (see {@link #create()}).
     */
    private static final Set<String> LISTENER_PROPERTIES_MAPPED_HERE = Set.of("sslBundle", "innerPort");

    private final GatewayProperties properties;
    private final Environment environment;
    private final Integer localRegisterPort;
    private final ClusterConnectionOptions cluster;
    private final WorkerRouter router;
    private final SslBundles sslBundles;
    private final List<ListenerOptionsCustomizer> listenerCustomizers;
    private final List<GatewayOptionsCustomizer> customizers;

    /**
     * @param environment       where the listeners were declared, to keep their declaration order; null for the map's
     * @param localRegisterPort the port of this process's register role, or null without one
     * @param router            a router bean, or null for {@code gateway.router}
     * @param sslBundles        the application's bundles, or null when SSL bundles are not configured
     */
    GatewayOptionsFactory(GatewayProperties properties, Environment environment, Integer localRegisterPort,
            ClusterConnectionOptions cluster, WorkerRouter router, SslBundles sslBundles,
            List<ListenerOptionsCustomizer> listenerCustomizers, List<GatewayOptionsCustomizer> customizers) {
        this.properties = properties;
        this.environment = environment;
        this.localRegisterPort = localRegisterPort;
        this.cluster = cluster;
        this.router = router;
        this.sslBundles = sslBundles;
        this.listenerCustomizers = listenerCustomizers;
        this.customizers = customizers;
    }

    GatewayOptions create() {
        GatewayOptions.Builder builder = GatewayOptions.builder().cluster(cluster);
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getLanIp).to(naming("gateway.lan-ip", builder::lanIp));
        map.from(properties::getStartPort).to(naming("gateway.start-port", builder::startPort));
        map.from(properties::getInnerBindAddress).to(naming("gateway.inner-bind-address", builder::innerBindHost));
        map.from(properties::getPingInterval).to(naming("gateway.ping-interval", builder::pingInterval));
        map.from(properties::getPingNotResponseLimit)
                .to(naming("gateway.ping-not-response-limit", builder::pingNotResponseLimit));
        map.from(properties::getPingData).to(builder::pingData);
        map.from(properties::getSendToClientBufferSize).to(naming("gateway.send-to-client-buffer-size",
                size -> builder.sendToClientBufferSize(BuilderBinding.bytes(size))));
        map.from(properties::getSendToWorkerBufferSize).to(naming("gateway.send-to-worker-buffer-size",
                size -> builder.sendToWorkerBufferSize(BuilderBinding.bytes(size))));
        map.from(properties::getSlowConsumerPolicy).to(builder::slowConsumerPolicy);
        map.from(router).orFrom(() -> router(properties.getRouter())).to(builder::router);
        map.from(properties::getHoldTimeout).to(naming("gateway.hold-timeout", builder::holdTimeout));
        map.from(properties::getUnconfirmedEventsBufferSize).to(naming("gateway.unconfirmed-events-buffer-size",
                size -> builder.unconfirmedEventsBufferSize(size.toBytes())));
        map.from(properties::getMaxHeldEventsPerClient)
                .to(naming("gateway.max-held-events-per-client", builder::maxHeldEventsPerClient));
        map.from(properties::getHalfCloseLinger).to(naming("gateway.half-close-linger", builder::halfCloseLinger));
        LocalPortClaims ports = new LocalPortClaims();
        if (localRegisterPort != null) {
            ports.claim(localRegisterPort, "gateway.register.port");
        }
        List<ListenerSettings> listeners = ListenerSettings.of(properties, environment);
        for (ListenerSettings settings : listeners) {
            Integer innerPort = settings.listener().getInnerPort();
            ListenerOptions listener = listener(settings);
            naming(settings.property("inner-port"), (Integer port) -> builder.listener(listener, port))
                    .accept(innerPort != null ? innerPort : -1);
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        GatewayOptions options = naming("gateway.start-port", properties.getStartPort(), builder::build);
        for (int i = 0; i < listeners.size(); i++) {
            ListenerSettings settings = listeners.get(i);
            ports.claim(options.listeners().get(i).port(), settings.property("port"));
            ports.claim(options.innerPort(i), settings.listener().getInnerPort() != null
                    ? settings.property("inner-port") : "gateway.start-port (inner port of " + settings.prefix() + ")");
        }
        return options;
    }

    private ListenerOptions listener(ListenerSettings settings) {
        GatewayProperties.Listener listener = settings.listener();
        ListenerOptions.Builder builder = ListenerOptions.builder(ClientProtocol.WEBSOCKET).name(settings.name());
        // Every other listener property goes to the builder method of its name.
        BuilderBinding.bind(listener, builder, settings::property, LISTENER_PROPERTIES_MAPPED_HERE);
        PropertyMapper.get().from(listener::getSslBundle).to(bundle -> builder.sslContextSupplier(sslContext(settings)));
        listenerCustomizers.forEach(customizer -> customizer.customize(settings.name(), builder));
        return naming(settings.property("websocket-path"), listener.getWebsocketPath(), builder::build);
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
