package org.jgateway.redis.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An {@link EngineNodeMain} in its own JVM; output to {@code target/engine-logs/<name>.log}. */
final class EngineNode implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "engine-logs");

    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private EngineNode(String name, Process process) {
        this.process = process;
        Thread reader = new Thread(() -> copyOutput(name), "engine-node-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code EngineNodeMain args} and waits (30 s at most) for its READY line. */
    static EngineNode start(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dio.netty.leakDetection.level=PARANOID",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                EngineNodeMain.class.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(LOGS);
            EngineNode node = new EngineNode(name, new ProcessBuilder(command).redirectErrorStream(true).start());
            node.ready.get(30, TimeUnit.SECONDS);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start: " + e, e);
        }
    }

    /** The words after READY. */
    String[] ready() {
        return ready.join().split(" ");
    }

    /** SIGKILL: the JVM vanishes without closing anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void copyOutput(String name) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var log = Files.newBufferedWriter(LOGS.resolve(name + ".log"))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.write(line);
                log.newLine();
                log.flush();
                if (line.startsWith("READY")) {
                    ready.complete(line.substring("READY".length()).trim());
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            ready.completeExceptionally(new IllegalStateException(name + " exited before READY"));
        }
    }

    /** Closes stdin (the node closes itself), then kills what is left after 10 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
