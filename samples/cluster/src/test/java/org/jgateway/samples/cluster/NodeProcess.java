package org.jgateway.samples.cluster;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One cluster node in its own JVM, started from the test classpath (the executable jar is only built after the
 * tests). Its output goes to {@code target/cluster-processes/NAME.log}, which is read back to follow the node.
 */
final class NodeProcess {

    private static final String READY = "Cluster node ready: ";
    private static final Path LOG_DIR = Path.of("target", "cluster-processes");

    private final String name;
    private final Path log;
    private final Process process;

    private NodeProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@link ClusterApplication} with {@code environment} added to this JVM's and {@code args}. */
    static NodeProcess start(String name, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quickly starting JVM: the three nodes share the machine with the build.
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", applicationClasspath(),
                ClusterApplication.class.getName(),
                "--spring.main.banner-mode=off"));
        command.addAll(Arrays.asList(args));
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new NodeProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * The test classpath without the test classes and test jars: gateway-core's test jar carries a logback-test.xml
     * that would silence the application's log, which these tests read.
     */
    private static String applicationClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the ready line and returns its {@code key=value} pairs ({@code register}, {@code text}...). */
    Map<String, String> awaitReady() {
        String line = awaitLine(READY, any -> true, Duration.ofSeconds(60));
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring(line.indexOf(READY) + READY.length()).split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }

    /**
     * Waits until the latest line containing {@code marker} passes {@code test}: for state logged on change, such as
     * {@code MembershipLog}'s lines, that is the current state.
     */
    String awaitLine(String marker, Predicate<String> test, Duration timeout) {
        return await(name + ": " + marker).atMost(timeout).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            return latest(marker).filter(test).orElse(null);
        }, line -> line != null);
    }

    /** The latest line containing {@code marker}, if the node logged one yet. */
    Optional<String> latest(String marker) {
        List<String> lines = lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(marker)) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    /** Whether the node logged a line containing {@code text}. */
    boolean logged(String text) {
        return lines().stream().anyMatch(line -> line.contains(text));
    }

    /** Asks the node to stop (SIGTERM: Spring Boot's graceful shutdown) without waiting; see {@link #isAlive()}. */
    void requestStop() {
        process.destroy();
    }

    /** For cleanup: a graceful stop, forced when it takes too long. */
    void ensureStopped() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Complete lines only: the node may be writing the last one. */
    private List<String> lines() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : text.substring(0, end).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
