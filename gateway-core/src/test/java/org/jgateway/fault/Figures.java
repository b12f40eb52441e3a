package org.jgateway.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

/**
 * Records the figures of a fault test (the numbers docs/reliability.md reports) on stdout and in
 * {@code target/fault-figures.txt}.
 */
final class Figures {

    private static final Path FILE = Path.of("target", "fault-figures.txt");

    private Figures() {
    }

    static synchronized void record(String test, String figures) {
        String line = LocalDateTime.now().withNano(0) + " " + test + ": " + figures;
        System.out.println("FIGURES " + line);
        try {
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
