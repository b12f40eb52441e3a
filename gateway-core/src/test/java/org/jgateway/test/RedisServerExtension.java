package org.jgateway.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for a test class: {@code /usr/bin/redis-server} started on a free 127.0.0.1 port before the class and
 * ended by its pid after it, in a temporary directory that is deleted afterwards. Register it as a
 * {@code static @RegisterExtension} field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RedisServerExtension redis = RedisServerExtension.standalone();
 * </pre>
 *
 * {@link #cluster()} starts a 3-master Redis Cluster instead ({@code cluster-enabled yes}, joined with
 * {@code redis-cli --cluster create}); {@link #withPassword} and {@link #withUser} make the server require
 * authentication, {@link #withTls} adds a TLS port. Fault tests {@link #stop()}, {@link #kill()} and {@link #start()} the server (all nodes) or one
 * {@link #nodes() node} mid-test; a server a test left stopped is started again before the next test.
 * <p>
 * Without the binaries the class is skipped with a message saying what to install, or fails under {@code CI=true}
 * ({@link RequiredComponent}). Shared by the modules' tests (test-jar).
 */
public final class RedisServerExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterAllCallback {

    /** The programs this extension starts, and the Debian package that installs both (redis-cli via redis-tools). */
    public static final RequiredComponent REDIS = RequiredComponent.of("Redis 7 (redis-server and redis-cli)",
            "apt-get install redis-server", RedisProcess.SERVER, RedisProcess.CLI);

    private static final int CLUSTER_MASTERS = 3;
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(30);

    private final int nodeCount;
    private final RedisAuth auth;
    private final boolean tls;
    private Path dir;
    private final List<RedisProcess> nodes = new ArrayList<>();

    private RedisServerExtension(int nodeCount, RedisAuth auth, boolean tls) {
        this.nodeCount = nodeCount;
        this.auth = auth;
        this.tls = tls;
    }

    /** One Redis server. */
    public static RedisServerExtension standalone() {
        return new RedisServerExtension(1, RedisAuth.NONE, false);
    }

    /** A Redis Cluster of three masters (no replicas), every slot assigned. */
    public static RedisServerExtension cluster() {
        return new RedisServerExtension(CLUSTER_MASTERS, RedisAuth.NONE, false);
    }

    /** The default user requires {@code password} ({@code requirepass}). */
    public RedisServerExtension withPassword(String password) {
        return new RedisServerExtension(nodeCount, new RedisAuth(null, password), tls);
    }

    /** Only the ACL user {@code username} with {@code password} gets in; the default user is switched off. */
    public RedisServerExtension withUser(String username, String password) {
        return new RedisServerExtension(nodeCount, new RedisAuth(username, password), tls);
    }

    /**
     * Each server also serves TLS on {@link #tlsPort()}, with the test CA's certificate of this test-jar
     * ({@code tls/node-cert.pem}: {@code localhost}, {@code 127.0.0.1}), and there requires a client certificate the
     * test CA issued ({@code tls/ca-cert.pem}; {@code tls/node-cert.pem} and {@code tls/node-key.pem} are one). The
     * plain port stays, for the test's own {@link #command commands}.
     */
    public RedisServerExtension withTls() {
        return new RedisServerExtension(nodeCount, auth, true);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return REDIS.evaluateExecutionCondition(context);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        REDIS.require();
        dir = Files.createTempDirectory("jgateway-redis-");
        try {
            RedisTls serverTls = tls ? RedisTls.testCa(Files.createDirectory(dir.resolve("tls"))) : null;
            for (int i = 0; i < nodeCount; i++) {
                RedisProcess node = new RedisProcess(Files.createDirectory(dir.resolve("node-" + i)), auth,
                        isCluster(), serverTls);
                nodes.add(node);
                node.startOnFreePort();
            }
            if (isCluster()) {
                createCluster();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (nodes.stream().anyMatch(node -> !node.isRunning())) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void close() {
        nodes.forEach(RedisProcess::stop);
        nodes.clear();
        if (dir != null) {
            deleteRecursively(dir);
            dir = null;
        }
    }

    private void createCluster() {
        List<String> command = new ArrayList<>(List.of(RedisProcess.CLI.toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add(node.address()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        command.addAll(auth.cliOptions());
        try {
            Path output = dir.resolve("cluster-create.log");
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!cli.waitFor(CLUSTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new AssertionError("redis-cli --cluster create did not finish within " + CLUSTER_TIMEOUT
                        + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            if (cli.exitValue() != 0) {
                throw new AssertionError("redis-cli --cluster create exited with " + cli.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        awaitClusterOk();
    }

    /** Until every node reports {@code cluster_state:ok}: all slots served and the nodes agree. */
    private void awaitClusterOk() {
        await().atMost(CLUSTER_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .untilAsserted(() -> nodes.forEach(node -> {
                    String info = (String) node.command("CLUSTER", "INFO");
                    if (!info.contains("cluster_state:ok")) {
                        throw new AssertionError(node + ": " + info);
                    }
                }));
    }

    /** Stops every node (SIGTERM to each pid, orderly). */
    public void stop() {
        nodes.forEach(RedisProcess::stop);
    }

    /** Kills every node (SIGKILL to each pid). */
    public void kill() {
        nodes.forEach(RedisProcess::kill);
    }

    /**
     * Starts every stopped node again on its port; a cluster is back once every node reports {@code cluster_state:ok}
     * again. The data set is empty, as after a restart of a Redis without persistence.
     */
    public void start() {
        nodes.stream().filter(node -> !node.isRunning()).forEach(RedisProcess::start);
        if (isCluster()) {
            awaitClusterOk();
        }
    }

    /** {@link #stop()} then {@link #start()}. */
    public void restart() {
        stop();
        start();
    }

    public boolean isCluster() {
        return nodeCount > 1;
    }

    /** The server's processes: one, or the cluster's masters. */
    public List<RedisProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The (first) server's host, 127.0.0.1. */
    public String host() {
        return first().host();
    }

    /** The (first) server's port. */
    public int port() {
        return first().port();
    }

    /** The (first) server's TLS port ({@link #withTls}), 0 without TLS. */
    public int tlsPort() {
        return first().tlsPort();
    }

    /** {@code host:port} of every node, as {@code spring.data.redis.cluster.nodes} takes them. */
    public List<String> addresses() {
        return nodes.stream().map(RedisProcess::address).toList();
    }

    /** The ACL user clients must log in as, or {@code null} for the default user. */
    public String username() {
        return auth.username();
    }

    /** The password clients must give, or {@code null} when the server requires none. */
    public String password() {
        return auth.password();
    }

    /** {@link RedisProcess#command} on the (first) server. */
    public Object command(String... args) {
        return first().command(args);
    }

    /** Empties every node, for tests of a class that must not see each other's keys. */
    public void flushAll() {
        nodes.forEach(node -> node.command("FLUSHALL"));
    }

    private RedisProcess first() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("Redis is not started: register the extension as a static "
                    + "@RegisterExtension field and use it from tests");
        }
        return nodes.get(0);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
