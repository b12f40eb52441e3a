package org.jgateway.gateway.listener;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** The committed self-signed localhost certificate ({@code src/test/resources/tls}) and contexts built from it. */
final class TlsTestSupport {

    private TlsTestSupport() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TlsTestSupport.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path certificate() {
        return resource("localhost-cert.pem");
    }

    static Path privateKey() {
        return resource("localhost-key.pem");
    }

    static SslContext server() {
        return TlsContexts.server(certificate(), privateKey());
    }

    /** A client context that trusts only the test certificate, so hostname and chain are really checked. */
    static SslContext client() throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(certificate().toFile())
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }
}
