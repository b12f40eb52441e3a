package org.jgateway.samples.reference.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.samples.reference.ReferenceApplication;
import org.jgateway.samples.reference.RepositoryRoot;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/launcher/jgateway run against the reference app as real processes: a master (register and gateway) and a
 * worker started as daemons, {@code await} and their status, a reload that replaces the worker while a client stays
 * connected and is answered by the new one, and a stop that ends both.
 */
class LauncherScriptIT {

    private static final Path SCRIPT = RepositoryRoot.find().resolve("deploy/launcher/jgateway");

    @TempDir
    Path dir;

    private final List<String> outputs = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        // Whatever the outcome, no process of this test outlives it: the launcher's own stop, then the pid files.
        if (Files.exists(dir.resolve("jgateway.conf"))) {
            run("stop");
        }
        try (var pidFiles = Files.list(dir.resolve("run"))) {
            for (Path pidFile : pidFiles.filter(p -> p.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (java.nio.file.NoSuchFileException ignored) {
            // nothing was started
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // three JVM starts, each a minute on a loaded machine
    void startStatusReloadStop() throws Exception {
        int register = freePort();
        int text = freePort();
        int masterHttp = freePort();
        int workerHttp = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -Xmx192m -cp " + System.getProperty("java.class.path") + " "
                + ReferenceApplication.class.getName();
        String listeners = " --gateway.listeners.websocket.port=0 --gateway.listeners.websocket.inner-port=0"
                + " --gateway.listeners.text.port=" + text + " --gateway.listeners.text.inner-port=0";
        Files.writeString(dir.resolve("jgateway.conf"), String.join("\n",
                "COMMAND=\"" + command + "\"",
                "MASTER_ARGS=\"--gateway.machine-type=register,gateway --gateway.register.port=" + register
                        + listeners + "\"",
                "MASTER_PORT=" + masterHttp,
                "WORKER_ARGS=\"--gateway.machine-type=worker --gateway.register-address=127.0.0.1:" + register + "\"",
                "WORKER_PORTS=" + workerHttp,
                "RUN_DIR=" + dir.resolve("run"),
                "STOP_TIMEOUT=60",
                "START_TIMEOUT=240", ""));

        assertThat(run("start", "-d")).as(outputs.toString()).isZero();
        long firstWorker = pid("worker-" + workerHttp);
        assertThat(ProcessHandle.of(pid("master")).map(ProcessHandle::isAlive)).contains(true);

        assertThat(run("await", String.valueOf(workerHttp), "5")).as(outputs.toString()).isZero();
        assertThat(run("status")).isZero();
        assertThat(lastOutput()).contains("== master (http port " + masterHttp + ")")
                .contains("== worker-" + workerHttp).containsPattern("Worker .* gateways=2/2 registers=1 +\\[ok]")
                .containsPattern("Gateway +text://127.0.0.1:" + text + " ");

        try (TextClient client = new TextClient("127.0.0.1", text)) {
            assertThat(client.echo("before the reload")).isEqualTo("before the reload");
            assertThat(run("reload")).as(outputs.toString()).isZero();
            long secondWorker = pid("worker-" + workerHttp);
            assertThat(secondWorker).isNotEqualTo(firstWorker);
            assertThat(ProcessHandle.of(firstWorker).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            // The same connection, now bound to the new worker.
            assertThat(client.echo("after the reload")).isEqualTo("after the reload");
        }

        long master = pid("master");
        assertThat(run("stop")).as(outputs.toString()).isZero();
        assertThat(ProcessHandle.of(master).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("run/master.pid")).doesNotExist();
        assertThat(run("status")).isNotZero();
        assertThat(lastOutput()).contains("== master: not running");
        assertThat(run("await", String.valueOf(masterHttp), "2")).isNotZero();
    }

    private int run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(dir, "launcher", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("jgateway " + String.join(" ", arguments) + " did not finish: "
                    + Files.readString(output));
        }
        outputs.add("jgateway " + String.join(" ", arguments) + " -> " + process.exitValue() + ":\n"
                + Files.readString(output));
        return process.exitValue();
    }

    private String lastOutput() {
        return outputs.get(outputs.size() - 1);
    }

    private long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("run/" + name + ".pid")).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
