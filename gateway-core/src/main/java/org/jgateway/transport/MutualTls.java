package org.jgateway.transport;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Optional mutual TLS between the roles (beyond GatewayWorker, whose inner and register connections are plain TCP):
 * gateway inner ports, business workers and API clients connecting to them, registers and their clients. Both ends
 * must be configured; a server side configured with TLS requires a client certificate, whatever its
 * {@link SslContext} says (unless its options turn that off: {@code requireClientCertificate(false)}), so a role
 * without one is refused during the handshake.
 * <p>
 * Contexts for all roles can come from one private CA:
 * <pre>{@code
 * SslContext server = MutualTls.server(Path.of("node-cert.pem"), Path.of("node-key.pem"), Path.of("ca.pem"));
 * SslContext client = MutualTls.client(Path.of("node-cert.pem"), Path.of("node-key.pem"), Path.of("ca.pem"));
 * }</pre>
 * Clients verify the server certificate's name against the address they connect to (the gateway's {@code lanIp},
 * the register's host), so server certificates need those names or IP addresses as subject alternative names.
 */
public final class MutualTls {

    private MutualTls() {
    }

    /**
     * A server context presenting {@code certificateChain} (PEM, leaf first) with {@code privateKey} (unencrypted
     * PKCS#8 PEM), requiring client certificates issued by {@code trustedCertificates} (PEM).
     *
     * @throws IllegalArgumentException naming the files when one is missing or invalid
     */
    public static SslContext server(Path certificateChain, Path privateKey, Path trustedCertificates) {
        requireReadable(certificateChain, privateKey, trustedCertificates);
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
                    .trustManager(trustedCertificates.toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw invalid(certificateChain, privateKey, trustedCertificates, e);
        }
    }

    /**
     * A client context presenting {@code certificateChain} with {@code privateKey}, trusting servers whose certificate
     * was issued by {@code trustedCertificates} and whose name matches the address connected to.
     *
     * @throws IllegalArgumentException naming the files when one is missing or invalid
     */
    public static SslContext client(Path certificateChain, Path privateKey, Path trustedCertificates) {
        requireReadable(certificateChain, privateKey, trustedCertificates);
        try {
            return SslContextBuilder.forClient()
                    .keyManager(certificateChain.toFile(), privateKey.toFile())
                    .trustManager(trustedCertificates.toFile())
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw invalid(certificateChain, privateKey, trustedCertificates, e);
        }
    }

    /** The handler for an accepted connection of a TLS server role; it requires a client certificate. */
    public static SslHandler serverHandler(SslContext context, Channel ch) {
        return serverHandler(context, ch, true);
    }

    /**
     * The handler for an accepted connection of a TLS server role; with {@code requireClientCertificate} false the
     * peer is not asked for a certificate (server-only TLS: the peer verifies this server, the secret authenticates
     * the peer).
     */
    public static SslHandler serverHandler(SslContext context, Channel ch, boolean requireClientCertificate) {
        if (context.isClient()) {
            throw new IllegalArgumentException("a listening role needs a server SslContext");
        }
        SslHandler handler = context.newHandler(ch.alloc());
        // Mutual TLS is the point: a server context built without ClientAuth.REQUIRE must not let anonymous peers in.
        if (requireClientCertificate) {
            handler.engine().setNeedClientAuth(true);
        } else {
            handler.engine().setNeedClientAuth(false);
            handler.engine().setWantClientAuth(false);
        }
        return handler;
    }

    /** The handler for a connection to {@code host:port}; the host is used for SNI and name verification. */
    public static SslHandler clientHandler(SslContext context, Channel ch, String host, int port) {
        if (!context.isClient()) {
            throw new IllegalArgumentException("a connecting role needs a client SslContext");
        }
        return context.newHandler(ch.alloc(), host, port);
    }

    private static void requireReadable(Path... files) {
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file.toAbsolutePath()
                        + (Files.exists(file) ? " is not a readable file" : " does not exist"));
            }
        }
    }

    private static IllegalArgumentException invalid(Path chain, Path key, Path trusted, Exception e) {
        return new IllegalArgumentException("cannot load TLS certificate chain " + chain.toAbsolutePath()
                + ", private key " + key.toAbsolutePath() + " and trusted certificates " + trusted.toAbsolutePath()
                + ": " + e.getMessage(), e);
    }
}
