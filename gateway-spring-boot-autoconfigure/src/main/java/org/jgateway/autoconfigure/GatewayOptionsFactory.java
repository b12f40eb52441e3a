package org.jgateway.autoconfigure;

import java.util.List;
import javax.net.ssl.SSLException;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.WorkerRouter;
import org.jgateway.gateway.listener.ListenerOptions;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/** Maps the {@code gateway.*} properties, beans and customizers onto {@link GatewayOptions}. */
final class GatewayOptionsFactory {

    private final GatewayProperties properties;
    private final RegisterAddresses registers;
    private final WorkerRouter router;
    private final SslBundles sslBundles;
    private final List<ListenerOptionsCustomizer> listenerCustomizers;
    private final List<GatewayOptionsCustomizer> customizers;

    /**
     * @param router     a router bean, or null for {@code gateway.router}
     * @param sslBundles the application's bundles, or null when SSL bundles are not configured
     */
    GatewayOptionsFactory(GatewayProperties properties, RegisterAddresses registers, WorkerRouter router,
            SslBundles sslBundles, List<ListenerOptionsCustomizer> listenerCustomizers,
            List<GatewayOptionsCustomizer> customizers) {
        this.properties = properties;
        this.registers = registers;
        this.router = router;
        this.sslBundles = sslBundles;
        this.listenerCustomizers = listenerCustomizers;
        this.customizers = customizers;
    }

    GatewayOptions create() {
        GatewayOptions.Builder builder = GatewayOptions.builder()
                .lanIp(properties.getLanIp())
                .startPort(properties.getStartPort())
                .registerAddresses(registers.addresses())
                .secretKey(properties.getSecretKey())
                .pingInterval(properties.getPingInterval())
                .pingNotResponseLimit(properties.getPingNotResponseLimit())
                .pingData(properties.getPingData())
                .sendToClientBufferSize((int) properties.getSendToClientBufferSize().toBytes())
                .sendToWorkerBufferSize((int) properties.getSendToWorkerBufferSize().toBytes())
                .slowConsumerPolicy(properties.getSlowConsumerPolicy())
                .router(router != null ? router : router(properties.getRouter()))
                .holdTimeout(properties.getHoldTimeout())
                .maxHeldEventsPerClient(properties.getMaxHeldEventsPerClient())
                .halfCloseLinger(properties.getHalfCloseLinger());
        if (properties.getInnerBindAddress() != null) {
            builder.innerBindHost(properties.getInnerBindAddress());
        }
        for (ListenerSettings settings : ListenerSettings.of(properties)) {
            Integer innerPort = settings.listener().getInnerPort();
            builder.listener(listener(settings), innerPort != null ? innerPort : -1);
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private ListenerOptions listener(ListenerSettings settings) {
        GatewayProperties.Listener listener = settings.listener();
        ListenerOptions.Builder builder = ListenerOptions.builder(listener.getProtocol())
                .name(settings.name())
                .host(listener.getHost())
                .port(listener.getPort())
                .webSocketPath(listener.getWebsocketPath())
                .maxMessageSize((int) listener.getMaxMessageSize().toBytes())
                .webSocketFrameType(listener.getWebsocketFrameType())
                .handshakeTimeout(listener.getHandshakeTimeout())
                .maxConnectionsPerIp(listener.getMaxConnectionsPerIp())
                .heartbeat(listener.getPingInterval(), listener.getPingNotResponseLimit(), listener.getPingData());
        if (listener.getSslBundle() != null) {
            builder.sslContextSupplier(sslContext(settings));
        }
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
