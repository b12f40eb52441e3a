package org.jgateway.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden trace is read from {@code ../shared/reference/} beside the repository, and its absence is named. */
class GoldenTraceLocationTest {

    @TempDir
    Path dir;

    @Test
    void besideTheCloneFoundFromAModuleDirectory() throws IOException {
        Path clone = Files.createDirectories(dir.resolve("ci-checkout"));
        Files.createDirectories(clone.resolve(".git"));
        Path module = Files.createDirectories(clone.resolve("samples/chat"));
        assertThat(GoldenTrace.expectedPath(module)).isEqualTo(dir.resolve("shared/reference/golden_trace.txt"));
        assertThat(GoldenTrace.expectedPath(clone)).isEqualTo(dir.resolve("shared/reference/golden_trace.txt"));
    }

    @Test
    void aLinkedWorkTreeUsesItsMainCheckout() throws IOException {
        Path main = Files.createDirectories(dir.resolve("main"));
        Path gitDir = Files.createDirectories(main.resolve(".git/worktrees/feature"));
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Path workTree = Files.createDirectories(dir.resolve("trees/feature"));
        Files.writeString(workTree.resolve(".git"), "gitdir: " + gitDir + "\n");
        Path module = Files.createDirectories(workTree.resolve("gateway-core"));
        assertThat(GoldenTrace.expectedPath(module)).isEqualTo(dir.resolve("shared/reference/golden_trace.txt"));
    }

    @Test
    void aMissingTraceFailsNamingTheExpectedPath() {
        Path expected = dir.resolve("shared/reference/golden_trace.txt");
        assertThatThrownBy(() -> GoldenTrace.load(expected)).isInstanceOf(IllegalStateException.class)
                .hasMessage("The golden trace is missing: expected " + expected
                        + " (../shared/reference/golden_trace.txt beside the repository, as CI provides it)");
    }

    @Test
    void noRepositoryAboveIsNamed() {
        assertThatThrownBy(() -> GoldenTrace.expectedPath(Path.of("/")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no directory from / up holds .git");
    }

    @Test
    void thisBuildReadsTheSharedReference() {
        assertThat(GoldenTrace.expectedPath()).endsWith(Path.of("shared", "reference", "golden_trace.txt"))
                .isRegularFile();
        assertThat(GoldenTrace.load().lines()).first().asString().startsWith("WORKER_CONNECT frame hex: ");
    }
}
