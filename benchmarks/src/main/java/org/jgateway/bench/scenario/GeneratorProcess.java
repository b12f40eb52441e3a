package org.jgateway.bench.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.bench.BenchMain;

/**
 * The parent's handle on one child process of the benchmark tool that speaks a line protocol: commands on its
 * standard input, one reply line each on its standard output; its standard error goes to ours.
 */
final class GeneratorProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private GeneratorProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
    }

    /** Starts {@code java -cp <this tool> BenchMain <command> <options>} with the JVM running this tool. */
    static GeneratorProcess start(String name, String command, List<String> options) throws IOException {
        return start(name, List.of(), command, options);
    }

    /** Like {@link #start(String, String, List)}, the JVM started with {@code jvmOptions} (e.g. heap sizes). */
    static GeneratorProcess start(String name, List<String> jvmOptions, String command, List<String> options)
            throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), command));
        argv.addAll(options);
        return new GeneratorProcess(name, new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    void send(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    /** Reads lines until one starting with {@code keyword}; returns its tokens after the keyword. */
    String[] await(String keyword) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ERROR")) {
                throw new IllegalStateException(name + ": " + line);
            }
            if (line.startsWith(keyword + " ") || line.equals(keyword)) {
                String rest = line.substring(keyword.length()).trim();
                return rest.isEmpty() ? new String[0] : rest.split(" ");
            }
        }
        throw new IllegalStateException(name + " exited before replying " + keyword + " (exit code "
                + (process.isAlive() ? "?" : process.exitValue()) + ")");
    }

    /** Closes its standard input (the child closes its connections and exits), waits a minute at most. */
    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            // The child is gone already: nothing left to tell it.
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
