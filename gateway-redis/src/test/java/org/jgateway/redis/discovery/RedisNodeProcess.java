package org.jgateway.redis.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link RedisNodeMain} JVM started by the test, ended by its pid. */
final class RedisNodeProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final String ready;

    RedisNodeProcess(String role, int redisPort, String prefix) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try {
            process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", classpath,
                    RedisNodeMain.class.getName(), role, Integer.toString(redisPort), prefix))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process is gone.
            }
        }, "node-" + role);
        reader.setDaemon(true);
        reader.start();
        ready = awaitLine("READY");
    }

    /** The words after {@code READY}. */
    String[] ready() {
        return ready.split(" ");
    }

    /** Sends {@code command} and returns the rest of the first line starting with {@code answer}. */
    String ask(String command, String answer) {
        commands.println(command);
        String line = awaitLine(answer);
        return line.substring(answer.length()).strip();
    }

    private String awaitLine(String prefix) {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line != null) {
                    seen.append(line).append('\n');
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new AssertionError("no " + prefix + " line from the node (alive: " + process.isAlive() + "):\n" + seen);
    }

    /** SIGKILL: no shutdown hook, no withdrawal. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill9();
    }
}
