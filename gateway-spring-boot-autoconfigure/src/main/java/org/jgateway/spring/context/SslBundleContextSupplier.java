package org.jgateway.spring.context;

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
import org.springframework.boot.ssl.SslOptions;

/**
 * The Netty server {@link SslContext} of a Spring SSL bundle, rebuilt when the bundle is reloaded
 * ({@code reload-on-update}). A listener asks for it per accepted connection, so renewed certificates apply to new
 * connections while established ones keep theirs.
 */
public final class SslBundleContextSupplier implements Supplier<SslContext> {

    private static final Logger log = LoggerFactory.getLogger(SslBundleContextSupplier.class);

    private final String bundleName;
    private final AtomicReference<SslContext> current = new AtomicReference<>();

    private SslBundleContextSupplier(String bundleName, SslContext initial) {
        this.bundleName = bundleName;
        this.current.set(initial);
    }

    /**
     * The context of bundle {@code bundleName}, kept current.
     *
     * @throws org.springframework.boot.ssl.NoSuchSslBundleException when there is no such bundle
     * @throws SSLException when the bundle's key material cannot make a server context
     */
    public static SslBundleContextSupplier of(SslBundles bundles, String bundleName) throws SSLException {
        SslBundleContextSupplier supplier = new SslBundleContextSupplier(bundleName,
                serverContext(bundles.getBundle(bundleName)));
        bundles.addBundleUpdateHandler(bundleName, supplier::reload);
        return supplier;
    }

    static SslContext serverContext(SslBundle bundle) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory());
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            builder.protocols(options.getEnabledProtocols());
        }
        if (options.getCiphers() != null) {
            builder.ciphers(Arrays.asList(options.getCiphers()));
        }
        return builder.build();
    }

    private void reload(SslBundle bundle) {
        try {
            current.set(serverContext(bundle));
            log.info("SSL bundle '{}' reloaded: new connections use the updated certificate", bundleName);
        } catch (SSLException | RuntimeException e) {
            // Keep serving with the previous certificate rather than refusing every new client.
            log.error("SSL bundle '{}' was updated but cannot be used; keeping the previous certificate", bundleName, e);
        }
    }

    @Override
    public SslContext get() {
        return current.get();
    }
}
