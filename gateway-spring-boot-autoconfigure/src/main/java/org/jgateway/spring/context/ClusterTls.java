package org.jgateway.spring.context;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * TLS between the roles from one Spring SSL bundle: the server context of registers and gateways' inner ports and the
 * client context of workers, gateways' register links and the Gateway API client, both rebuilt when the bundle is
 * reloaded ({@code reload-on-update}). New connections take the current contexts; established ones keep theirs.
 * <p>
 * The bundle's key store holds this process's certificate (presented as server and as client), its trust store the
 * certificates (or CA) of the other roles. Clients check the server certificate's name against the address they
 * connect to (the gateway's {@code lan-ip}, the register's host).
 */
public final class ClusterTls {

    private static final Logger log = LoggerFactory.getLogger(ClusterTls.class);

    private final String bundleName;
    private final boolean requireClientCertificate;
    private final AtomicReference<Contexts> current = new AtomicReference<>();

    private ClusterTls(String bundleName, boolean requireClientCertificate, Contexts initial) {
        this.bundleName = bundleName;
        this.requireClientCertificate = requireClientCertificate;
        this.current.set(initial);
    }

    /**
     * The contexts of bundle {@code bundleName}, kept current.
     *
     * @throws org.springframework.boot.ssl.NoSuchSslBundleException when there is no such bundle
     * @throws SSLException when the bundle's key material cannot make the contexts
     */
    public static ClusterTls of(SslBundles bundles, String bundleName, boolean requireClientCertificate)
            throws SSLException {
        ClusterTls tls = new ClusterTls(bundleName, requireClientCertificate,
                contexts(bundles.getBundle(bundleName), requireClientCertificate));
        bundles.addBundleUpdateHandler(bundleName, tls::reload);
        return tls;
    }

    private static Contexts contexts(SslBundle bundle, boolean requireClientCertificate) throws SSLException {
        SslManagerBundle managers = bundle.getManagers();
        SslContextBuilder server = SslContextBuilder.forServer(managers.getKeyManagerFactory())
                .trustManager(managers.getTrustManagerFactory())
                .clientAuth(requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.NONE);
        SslContextBuilder client = SslContextBuilder.forClient()
                .keyManager(managers.getKeyManagerFactory())
                .trustManager(managers.getTrustManagerFactory())
                .endpointIdentificationAlgorithm("HTTPS");
        SslOptions options = bundle.getOptions();
        for (SslContextBuilder builder : new SslContextBuilder[] {server, client}) {
            if (options.getEnabledProtocols() != null) {
                builder.protocols(options.getEnabledProtocols());
            }
            if (options.getCiphers() != null) {
                builder.ciphers(Arrays.asList(options.getCiphers()));
            }
        }
        return new Contexts(server.build(), client.build());
    }

    private void reload(SslBundle bundle) {
        try {
            current.set(contexts(bundle, requireClientCertificate));
            log.info("SSL bundle '{}' reloaded: new connections between the roles use the updated certificates",
                    bundleName);
        } catch (SSLException | RuntimeException e) {
            // Keep the cluster talking with the previous certificates rather than refusing every new connection.
            log.error("SSL bundle '{}' was updated but cannot be used; keeping the previous certificates", bundleName,
                    e);
        }
    }

    /** The server context of registers and inner ports, as it is now. */
    public Supplier<SslContext> server() {
        return () -> current.get().server();
    }

    /** The client context of connections to registers and gateways, as it is now. */
    public Supplier<SslContext> client() {
        return () -> current.get().client();
    }

    /** Whether the servers ask every connecting role for a certificate (mutual TLS). */
    public boolean requireClientCertificate() {
        return requireClientCertificate;
    }

    public String bundleName() {
        return bundleName;
    }

    private record Contexts(SslContext server, SslContext client) {
    }
}
