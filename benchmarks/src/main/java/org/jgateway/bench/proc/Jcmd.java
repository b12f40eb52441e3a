package org.jgateway.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a diagnostic command in another JVM through {@code jcmd PID command}. The jcmd of the JDK running this tool
 * is preferred (same version as the servers it starts); {@code jcmd} on the PATH otherwise.
 */
public final class Jcmd {

    private static final long TIMEOUT_SECONDS = 120;

    private Jcmd() {
    }

    /**
     * The command's output without jcmd's leading {@code PID:} line.
     *
     * @throws IOException when jcmd cannot attach or the command fails (the message carries jcmd's output)
     */
    public static String run(long pid, String... command) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(executable());
        argv.add(Long.toString(pid));
        argv.addAll(List.of(command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for jcmd", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + out.trim());
        }
        String header = pid + ":";
        return out.startsWith(header) ? out.substring(header.length()).stripLeading() : out;
    }

    private static String executable() {
        Path own = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(own) ? own.toString() : "jcmd";
    }
}
