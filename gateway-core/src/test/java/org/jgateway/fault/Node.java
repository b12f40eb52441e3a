package org.jgateway.fault;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link NodeMain} running in its own JVM, started by this test JVM. Its output goes to
 * {@code target/fault-logs/<name>.log} and is kept in memory for assertions on log lines.
 */
final class Node implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Path LOGS = Path.of("target", "fault-logs");
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final String name;
    private final Process process;
    private final PrintWriter commands;
    private final CompletableFuture<Map<String, Object>> ready = new CompletableFuture<>();
    private final BlockingQueue<Map<String, Object>> statsReplies = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedDeque<String> logLines = new ConcurrentLinkedDeque<>();

    private Node(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "node-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code NodeMain args} and waits for its READY line. With {@code fileLimit > 0} the JVM runs under
     * {@code ulimit -n fileLimit}.
     */
    static Node start(String name, int fileLimit, List<String> args) {
        List<String> command = new ArrayList<>();
        if (fileLimit > 0) {
            // exec keeps the pid: killing the process handle kills the JVM itself.
            command.addAll(List.of("bash", "-c", "ulimit -n " + fileLimit + " && exec \"$0\" \"$@\""));
        }
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=256m",
                "-Dio.netty.leakDetection.level=PARANOID", "-Dio.netty.leakDetection.targetRecords=4"));
        // Arguments "-J<jvm option>" go to the JVM, the others to NodeMain.
        args.stream().filter(a -> a.startsWith("-J")).map(a -> a.substring(2)).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                NodeMain.class.getName()));
        args.stream().filter(a -> !a.startsWith("-J")).forEach(command::add);
        try {
            Files.createDirectories(LOGS);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Node node = new Node(name, process);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        try {
            ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("node " + name + " did not start:\n" + String.join("\n", logLines), e);
        }
    }

    private void readOutput() {
        Path log = LOGS.resolve(name + ".log");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             OutputStream file = Files.newOutputStream(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (line.startsWith("READY ")) {
                    ready.complete(parse(line));
                } else if (line.startsWith("STATS ")) {
                    statsReplies.add(parse(line));
                } else {
                    logLines.add(line);
                }
            }
        } catch (IOException e) {
            // The process is gone; what it wrote is in the file.
        } finally {
            ready.completeExceptionally(new IllegalStateException("node " + name + " exited"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return JSON.readValue(line.substring(line.indexOf(' ') + 1), Map.class);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** A value of the READY line, e.g. {@code textPort}. */
    int port(String key) {
        return ((Number) ready.join().get(key)).intValue();
    }

    String readyValue(String key) {
        return String.valueOf(ready.join().get(key));
    }

    /** Asks the node for its counters and memory (after a full GC in the node). */
    Map<String, Object> stats() {
        statsReplies.clear();
        commands.println("stats");
        try {
            Map<String, Object> stats = statsReplies.poll(30, TimeUnit.SECONDS);
            if (stats == null) {
                throw new AssertionError("node " + name + " did not answer 'stats' (alive: " + process.isAlive() + ")");
            }
            return stats;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    long stat(String key) {
        return ((Number) stats().get(key)).longValue();
    }

    boolean logContains(String text) {
        return logCount(text) > 0;
    }

    /** Lines of output containing {@code text}. */
    long logCount(String text) {
        return logLines.stream().filter(l -> l.contains(text)).count();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * A real SIGTERM, as a service manager stops a node; waits for the exit and checks that it was orderly: the JVM
     * ended on the signal (exit status 128 + 15) after its shutdown hook closed every role. Sent through the
     * {@link ProcessHandle}: {@link Process#destroy()} would also close our ends of the node's pipes, losing what it
     * writes while it stops.
     */
    void terminate() {
        process.toHandle().destroy();
        awaitExit(30);
        if (process.exitValue() != 128 + 15) {
            throw new AssertionError("node " + name + " exited with " + process.exitValue() + " on SIGTERM:\n"
                    + String.join("\n", logLines));
        }
        awaitLog("STOPPED");
    }

    /** Waits until the output reader has seen {@code text} (the process may have exited just before). */
    private void awaitLog(String text) {
        await().atMost(FaultTestSupport.PATIENCE).until(() -> logContains(text));
    }

    /**
     * SIGSTOP: the process stops where it is and its connections stay open; the kernel still accepts connections on
     * its ports and acknowledges data sent to it until the buffers fill. Only an application-level check notices.
     */
    void stop() {
        signal("STOP");
    }

    /** SIGCONT after {@link #stop()}: the process carries on where it stopped, with every timer overdue. */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: no shutdown hook, no goodbye on any connection. */
    void kill9() {
        process.destroyForcibly();
        awaitExit(10);
    }

    private void awaitExit(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node " + name + " did not exit within " + seconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process if it still runs (tests end with this whatever happened). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }
}
