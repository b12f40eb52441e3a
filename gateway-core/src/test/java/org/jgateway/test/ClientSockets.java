package org.jgateway.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Connected client sockets for the shared test clients: plain, or TLS that really checks chain and host name. */
public final class ClientSockets {

    private ClientSockets() {
    }

    /** A plain socket to {@code host:port}, connected, with 5 s reads. */
    public static Socket plain(String host, int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 3000);
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TLS socket to {@code host:port} with the handshake done: the server's certificate must chain to
     * {@code tls}'s trust and name {@code host} (HTTPS endpoint identification), else the handshake fails.
     */
    public static Socket tls(String host, int port, SSLContext tls) {
        Socket plain = plain(host, port);
        try {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            try {
                plain.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw new UncheckedIOException(e);
        }
    }

    /** A client TLS context that trusts only the PEM certificate(s) in {@code certificates}. */
    public static SSLContext trusting(Path certificates) {
        try (InputStream in = Files.newInputStream(certificates)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust " + certificates, e);
        }
    }
}
