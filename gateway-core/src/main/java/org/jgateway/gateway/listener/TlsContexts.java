package org.jgateway.gateway.listener;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Server TLS contexts from PEM files, as a listener's {@link ListenerOptions#sslContext()} needs them. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * A server context from a PEM certificate chain (leaf first) and an unencrypted PKCS#8 PEM private key.
     *
     * @throws IllegalArgumentException naming the file when one is missing, unreadable or not valid PEM
     */
    public static SslContext server(Path certificateChain, Path privateKey) {
        return server(certificateChain, privateKey, null);
    }

    /**
     * A server context from a PEM certificate chain (leaf first) and a PKCS#8 PEM private key, encrypted with
     * {@code keyPassword} (null when it is not encrypted).
     *
     * @throws IllegalArgumentException naming the file when one is missing, unreadable or not valid PEM
     */
    public static SslContext server(Path certificateChain, Path privateKey, String keyPassword) {
        requireReadable(certificateChain, "certificate chain");
        requireReadable(privateKey, "private key");
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile(), keyPassword).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load TLS certificate chain " + describe(certificateChain)
                    + " with private key " + describe(privateKey) + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("TLS " + what + " file " + describe(file)
                    + (Files.exists(file) ? " is not a readable file" : " does not exist"));
        }
    }

    private static String describe(Path file) {
        File f = file.toFile();
        return f.getAbsolutePath();
    }
}
