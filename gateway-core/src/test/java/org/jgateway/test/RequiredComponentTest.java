package org.jgateway.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class RequiredComponentTest {

    @TempDir
    Path dir;

    @Test
    void presentExecutablesPassInCiAndElsewhere() throws IOException {
        RequiredComponent component = RequiredComponent.of("Tool", "make tool", executable("a"), executable("b"));
        assertThat(component.missing()).isEmpty();
        assertThatCode(() -> component.require(true)).doesNotThrowAnyException();
        assertThatCode(() -> component.require(false)).doesNotThrowAnyException();
        assertThat(component.evaluate(true).isDisabled()).isFalse();
        assertThat(component.evaluate(false).isDisabled()).isFalse();
    }

    @Test
    void aMissingExecutableSkipsLocallyAndFailsInCiNamingItsPath() throws IOException {
        Path present = executable("present");
        Path absent = dir.resolve("absent");
        Path notExecutable = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
        RequiredComponent component = RequiredComponent.of("Tool", "apt-get install tool", present, absent,
                notExecutable);
        assertThat(component.missing()).containsExactly(absent, notExecutable);

        assertThatThrownBy(() -> component.require(false)).isExactlyInstanceOf(TestAbortedException.class)
                .hasMessage("Tool missing: no executable " + absent + ", " + notExecutable
                        + " (apt-get install tool); the test is skipped (with CI=true it would fail)");
        assertThatThrownBy(() -> component.require(true)).isExactlyInstanceOf(AssertionError.class)
                .hasMessage("Tool missing: no executable " + absent + ", " + notExecutable
                        + " (apt-get install tool); CI=true, so the build fails instead of skipping the test");

        // The same decision as an execution condition: the class is reported as skipped with the reason, or fails.
        assertThat(component.evaluate(false).isDisabled()).isTrue();
        assertThat(component.evaluate(false).getReason()).contains("Tool missing: no executable " + absent + ", "
                + notExecutable + " (apt-get install tool); the test is skipped (with CI=true it would fail)");
        assertThatThrownBy(() -> component.evaluate(true)).isExactlyInstanceOf(AssertionError.class)
                .hasMessageEndingWith("CI=true, so the build fails instead of skipping the test");
    }

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
