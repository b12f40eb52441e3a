package org.jgateway.samples.reference.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgateway.samples.reference.RepositoryRoot;
import org.jgateway.test.RequiredComponent;
import org.junit.jupiter.api.Test;

/**
 * The systemd units of deploy/systemd: systemd itself finds nothing to object to ({@code systemd-analyze verify}, where
 * it is installed), each is complete, treats the JVM's SIGTERM exit as success, stops more slowly than a worker
 * leaves, and waits at start with the launcher's {@code await} (run for real by {@link LauncherScriptIT}).
 */
class SystemdUnitsTest {

    private static final Path ROOT = RepositoryRoot.find();

    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    /** gateway.worker.stop-timeout's default: a stopping worker may take that long before systemd kills it. */
    private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void everyUnitIsCompleteAndStopsGracefully() throws IOException {
        List<Path> units = units();
        assertThat(units).extracting(unit -> unit.getFileName().toString())
                .containsExactlyInAnyOrder("jgateway-master.service", "jgateway-worker@.service");
        for (Path unit : units) {
            String text = Files.readString(unit);
            assertThat(text).as(unit.toString()).contains("[Unit]", "[Service]", "[Install]", "SuccessExitStatus=143",
                    "KillSignal=SIGTERM", "NoNewPrivileges=yes", "ProtectSystem=strict", "WantedBy=multi-user.target");
            Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(text);
            assertThat(stop.find()).as(unit + " sets TimeoutStopSec").isTrue();
            // Spring Boot's shutdown phase (30 s) holds the worker's stop timeout; systemd must wait for both.
            assertThat(Duration.ofSeconds(Long.parseLong(stop.group(1))))
                    .isGreaterThan(WORKER_STOP_TIMEOUT.plusSeconds(30));
            Matcher await = Pattern.compile("(?m)^ExecStartPost=/bin/bash /opt/jgateway/bin/jgateway await (\\S+) (\\d+)$")
                    .matcher(text);
            assertThat(await.find()).as(unit + " waits with jgateway await").isTrue();
            Matcher startTimeout = Pattern.compile("(?m)^TimeoutStartSec=(\\d+)$").matcher(text);
            assertThat(startTimeout.find()).isTrue();
            assertThat(Integer.parseInt(await.group(2))).isLessThan(Integer.parseInt(startTimeout.group(1)));
            assertThat(text).containsPattern("(?m)^ExecStart=/usr/bin/java \\$JAVA_OPTS -jar /opt/jgateway/app.jar "
                    + "--spring.profiles.active=\\S+ --server.port=" + Pattern.quote(await.group(1)) + "$");
        }
        assertThat(Files.readString(ROOT.resolve("deploy/launcher/jgateway"))).contains("if [[ \"${1:-}\" == await ]]");
    }

    @Test
    void systemdFindsNothingToObjectTo() throws Exception {
        RequiredComponent.of("systemd-analyze", "on Debian/Ubuntu: apt-get install systemd", SYSTEMD_ANALYZE).require();
        for (Path unit : units()) {
            Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", "--man=no", unit.toString())
                    .redirectErrorStream(true).start();
            assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(verify.getInputStream().readAllBytes());
            assertThat(output).as(unit.toString()).isEmpty();
            assertThat(verify.exitValue()).as(unit.toString()).isZero();
        }
    }

    private static List<Path> units() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/systemd"))) {
            return files.filter(file -> file.toString().endsWith(".service")).sorted().toList();
        }
    }
}
