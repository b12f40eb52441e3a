package org.jgateway.spring.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/** The listener's TLS context follows the SSL bundle's reloads. */
class SslBundleContextSupplierTest {

    @Test
    void aReloadedBundleGivesNewConnectionsANewContext() throws Exception {
        DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry("gateway", bundle(SslOptions.NONE));
        SslBundleContextSupplier supplier = SslBundleContextSupplier.of(bundles, "gateway");
        SslContext first = supplier.get();
        assertThat(first.isServer()).isTrue();
        assertThat(supplier.get()).isSameAs(first);

        bundles.updateBundle("gateway", bundle(SslOptions.of(new String[] { "TLS_AES_128_GCM_SHA256" },
                new String[] { "TLSv1.3" })));

        SslContext reloaded = supplier.get();
        assertThat(reloaded).isNotSameAs(first);
        assertThat(reloaded.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void aBrokenUpdateKeepsThePreviousCertificate() throws Exception {
        List<Consumer<SslBundle>> handlers = new ArrayList<>();
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry("gateway", bundle(SslOptions.NONE)) {
            @Override
            public void addBundleUpdateHandler(String name, Consumer<SslBundle> handler) {
                handlers.add(handler);
            }
        };
        SslBundleContextSupplier supplier = SslBundleContextSupplier.of(registry, "gateway");
        SslContext first = supplier.get();
        SslBundle broken = mock(SslBundle.class);
        when(broken.getManagers()).thenThrow(new IllegalStateException("unreadable private key"));

        handlers.forEach(handler -> handler.accept(broken));

        assertThat(supplier.get()).isSameAs(first);
    }

    private static SslBundle bundle(SslOptions options) {
        PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate("classpath:tls/localhost-cert.pem")
                .withPrivateKey("classpath:tls/localhost-key.pem");
        return SslBundle.of(new PemSslStoreBundle(keyStore, null), null, options);
    }
}
