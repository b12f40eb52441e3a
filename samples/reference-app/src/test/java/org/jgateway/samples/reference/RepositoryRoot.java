package org.jgateway.samples.reference;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the test's working directory (the module's directory under Maven). */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The nearest directory above the working directory with docs/, samples/ and README.md. */
    public static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("samples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (docs/, samples/, README.md) above "
                + Path.of("").toAbsolutePath());
    }
}
