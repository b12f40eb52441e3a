package org.jgateway.test;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One real {@code redis-server} process on 127.0.0.1, configured from a file in its own directory and ended by its
 * pid. Started and stopped by {@link RedisServerExtension}; tests use it directly to stop, kill or restart a server
 * (or one node of a cluster) in the middle of a test. A restart keeps the port, so clients reconnect to the same
 * address; the data set is not kept (no RDB, no AOF), as after a real Redis restart without persistence.
 */
public final class RedisProcess {

    static final Path SERVER = Path.of("/usr/bin/redis-server");
    static final Path CLI = Path.of("/usr/bin/redis-cli");
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;

    private final Path dir;
    private final RedisAuth auth;
    private final boolean clusterNode;
    private final RedisTls tls;
    private int port;
    private int clusterBusPort;
    private int tlsPort;
    private Process process;
    private Thread shutdownHook;

    /** @param tls a TLS port besides the plain one, or null */
    RedisProcess(Path dir, RedisAuth auth, boolean clusterNode, RedisTls tls) {
        this.dir = dir;
        this.auth = auth;
        this.clusterNode = clusterNode;
        this.tls = tls;
    }

    /**
     * Starts on a free port. A port found free can be taken by another process before the server binds it; the
     * server then exits at once and another port is tried.
     */
    void startOnFreePort() {
        AssertionError last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            port = freePort();
            // The bus port is chosen too: the default (port + 10000) may be taken or beyond 65535.
            clusterBusPort = clusterNode ? freePort() : 0;
            tlsPort = tls != null ? freePort() : 0;
            try {
                start();
                return;
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    /** Starts (again) on the port of the first start; waits until the server answers. */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
        try {
            Path config = writeConfig();
            Path log = dir.resolve("redis.log");
            Process started = new ProcessBuilder(SERVER.toString(), config.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process = started;
            shutdownHook = new Thread(started::destroyForcibly, "redis-server-" + port + "-stop");
            // A test JVM that dies without running afterAll still ends its servers.
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            awaitAnswer(started, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeConfig() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "port " + port,
                "bind " + HOST,
                "daemonize no",
                "dir " + dir,
                "save \"\"",
                "appendonly no",
                "protected-mode yes",
                "loglevel notice"));
        lines.addAll(auth.config());
        if (tls != null) {
            lines.addAll(tls.config(tlsPort));
        }
        if (clusterNode) {
            // nodes.conf stays in the directory, so a restarted node rejoins its cluster with its slots.
            lines.addAll(List.of("cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 2000",
                    "cluster-port " + clusterBusPort));
        }
        return Files.write(dir.resolve("redis.conf"), lines, StandardCharsets.UTF_8);
    }

    private void awaitAnswer(Process started, Path log) {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!started.isAlive()) {
                    throw new AssertionError("redis-server on port " + port + " exited with " + started.exitValue()
                            + ":\n" + readLog(log));
                }
                return answers();
            });
        } catch (AssertionError | ConditionTimeoutException e) {
            started.destroyForcibly();
            removeShutdownHook();
            process = null;
            throw e instanceof AssertionError assertion ? assertion
                    : new AssertionError("redis-server on port " + port + " did not answer within " + START_TIMEOUT
                            + ":\n" + readLog(log), e);
        }
    }

    /** Any reply, even NOAUTH, proves that the server accepts commands. */
    private boolean answers() {
        try {
            call(List.of("PING"), false);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        } catch (RedisErrorReply e) {
            return true;
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGTERM to the pid and waits for the exit: an orderly shutdown, connections are closed by the server. */
    public synchronized void stop() {
        end(false);
    }

    /** SIGKILL to the pid: the server vanishes without closing anything. */
    public synchronized void kill() {
        end(true);
    }

    /**
     * SIGSTOP: the server keeps its connections open and answers nothing, as a Redis that hangs, until
     * {@link #resume()}; its clients' commands wait for their timeout.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}: the server answers what it was sent meanwhile. */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
            if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #stop()} then {@link #start()} on the same port. */
    public synchronized void restart() {
        stop();
        start();
    }

    private void end(boolean forcibly) {
        Process running = process;
        if (running == null) {
            return;
        }
        if (forcibly) {
            running.destroyForcibly();
        } else {
            running.destroy();
        }
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        process = null;
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook runs anyway.
            }
            shutdownHook = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the running server. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        return process.pid();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The TLS port, 0 when the server serves no TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    /** {@code 127.0.0.1:port}, as {@code redis-cli --cluster} and Boot's cluster nodes take it. */
    public String address() {
        return HOST + ":" + port;
    }

    Path dir() {
        return dir;
    }

    /** What the server wrote to its log so far. */
    public String log() {
        return readLog(dir.resolve("redis.log"));
    }

    /**
     * Runs one command on a fresh connection, authenticated as the server's user when it has one, and returns the
     * reply: a {@code String} (simple or bulk), a {@code Long}, a {@code List} of replies or {@code null}; an error
     * reply is thrown as {@link RedisErrorReply}. For setting up and checking Redis state from a test without a
     * client library.
     */
    public Object command(String... args) {
        return call(List.of(args), true);
    }

    /** {@link #command} without logging in first. */
    Object commandWithoutAuth(String... args) {
        return call(List.of(args), false);
    }

    private Object call(List<String> args, boolean authenticate) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (authenticate && auth.isEnabled()) {
                write(out, auth.authCommand());
                read(in);
            }
            write(out, args);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static void write(OutputStream out, List<String> args) throws IOException {
        StringBuilder request = new StringBuilder("*").append(args.size()).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RedisErrorReply(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                yield new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(read(in));
                    } catch (RedisErrorReply e) {
                        items.add(e);
                    }
                }
                yield items;
            }
            case -1 -> throw new IOException("connection closed before a reply");
            default -> throw new IOException("not a RESP2 reply: " + (char) type + line);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\r') {
                in.read(); // '\n'
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "redis-server " + address() + (isRunning() ? " (pid " + process.pid() + ")" : " (stopped)");
    }

    /** An error reply ({@code -ERR ...}) of the server. */
    public static final class RedisErrorReply extends RuntimeException {

        RedisErrorReply(String message) {
            super(message);
        }
    }
}
