package org.jgateway.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TLS of a test Redis, besides its plain port: a second port ({@code tls-port}) that serves TLS with
 * {@code certificate} and requires a client certificate issued by {@code caCertificate}.
 */
record RedisTls(Path certificate, Path privateKey, Path caCertificate) {

    /** The test CA's node certificate and the CA (resources {@code tls/*.pem}), copied as files into {@code dir}. */
    static RedisTls testCa(Path dir) {
        return new RedisTls(copy("node-cert.pem", dir), copy("node-key.pem", dir), copy("ca-cert.pem", dir));
    }

    List<String> config(int tlsPort) {
        return List.of("tls-port " + tlsPort, "tls-cert-file " + certificate, "tls-key-file " + privateKey,
                "tls-ca-cert-file " + caCertificate, "tls-auth-clients yes");
    }

    /** redis-server reads files: a resource of a test-jar is copied out. */
    private static Path copy(String name, Path dir) {
        try (InputStream in = RedisTls.class.getResourceAsStream("/tls/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource tls/" + name + " is missing");
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
