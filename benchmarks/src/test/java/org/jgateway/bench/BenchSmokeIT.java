package org.jgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jgateway.bench.ceiling.CeilingServer;
import org.jgateway.bench.report.MemoryTable;
import org.jgateway.bench.report.Result;
import org.jgateway.bench.report.ResultText;
import org.jgateway.bench.report.Suite;
import org.jgateway.bench.scenario.ChurnScenario;
import org.jgateway.bench.scenario.ConnsScenario;
import org.jgateway.bench.scenario.EchoScenario;
import org.jgateway.bench.scenario.FanoutScenario;
import org.jgateway.bench.scenario.ScaleScenario;
import org.jgateway.bench.server.RoleLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Smoke run of every scenario, for a second or so with small numbers, against an in-process JGateway (register,
 * WebSocket and text gateways, a worker with the reference app's events) and against the one-hop ceiling. Asserts
 * only that each run completes without errors and counted something: performance is measured with the tool, not
 * asserted in tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeIT {

    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private RoleLauncher jgateway;
    private CeilingServer ceiling;

    @BeforeAll
    void start() throws InterruptedException {
        jgateway = RoleLauncher.start(Args.of(java.util.Map.of("register-port", "0", "ws-port", "0", "text-port", "0",
                "inner-ws-port", "0", "inner-text-port", "0", "threads", "2")));
        ceiling = new CeilingServer("127.0.0.1", 0, 0, 2);
        assertThat(jgateway.awaitWorker(2, 10_000)).as("worker connected to both gateway listeners").isTrue();
    }

    @AfterAll
    void stop() {
        if (jgateway != null) {
            jgateway.close();
        }
        if (ceiling != null) {
            ceiling.close();
        }
    }

    Stream<String> targets() {
        return Stream.of("ws://127.0.0.1:" + jgateway.wsPort() + "/", "tcp://127.0.0.1:" + jgateway.textPort(),
                "ws://127.0.0.1:" + ceiling.wsPort() + "/", "tcp://127.0.0.1:" + ceiling.textPort());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void echo(String target) throws Exception {
        Result r = new EchoScenario().run(args(target, "conns", "4", "inflight", "2"));
        assertThat(r.get("msgs_per_s")).isPositive();
        assertThat(r.get("samples")).isPositive();
        assertThat(r.get("errors")).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void fanout(String target) throws Exception {
        Result say = new FanoutScenario().run(args(target, "subs", "20", "pubs", "2", "rate", "50", "groups", "2",
                "burst", "2", "drain", "0.5"));
        assertThat(say.get("deliveries_per_s")).isPositive();
        assertThat(say.get("errors")).isZero();
        Result all = new FanoutScenario().run(args(target, "subs", "10", "rate", "20", "mode", "all", "drain", "0.5"));
        assertThat(all.get("deliveries_per_s")).isPositive();
        assertThat(all.get("errors")).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void churn(String target) throws Exception {
        Result r = new ChurnScenario().run(args(target, "concurrency", "2"));
        assertThat(r.get("cycles_per_s")).isPositive();
        assertThat(r.get("errors")).isZero();
    }

    /** Browser-like closes: a cycle ends only when the server answered the Close frame and closed the connection. */
    @ParameterizedTest
    @MethodSource("targets")
    void churnWithCloseHandshake(String target) throws Exception {
        Result r = new ChurnScenario().run(args(target, "concurrency", "2", "close", "handshake"));
        assertThat(r.get("cycles_per_s")).isPositive();
        assertThat(r.get("errors")).isZero();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void connsInProcess(String target) throws Exception {
        Result r = new ConnsScenario().run(Args.of(java.util.Map.of("target", target, "pid", PID, "conns", "50",
                "bind-join", "true", "sources", "2", "settle", "0.2")));
        assertThat(r.get("conns")).isEqualTo(50);
        assertThat(r.get("errors")).isZero();
        // The test JVM's heap is neither fixed nor pre-touched: live heap is measured, the fair sum is not.
        assertThat(r.get("heap_live_per_conn_b")).isNotNaN();
        assertThat(r.get("mem_per_conn_kb")).isNaN();
        assertThat(r.note("memory_method")).startsWith("heap live after full GC only");
    }

    @Test
    void connsWritesTheClassHistogramOfWhatConnectionsCost(@TempDir Path dir) throws Exception {
        Path histogram = dir.resolve("histogram.txt");
        Result r = new ConnsScenario().run(Args.of(java.util.Map.of("target", "ws://127.0.0.1:" + jgateway.wsPort() + "/",
                "pid", PID, "conns", "30", "settle", "0.2", "histogram", histogram.toString(), "histogram-top", "10")));
        assertThat(r.get("errors")).isZero();
        String table = Files.readString(histogram);
        assertThat(table).contains("TOTAL", "bytes/conn").contains("Channel");
        Path saved = dir.resolve("run.txt");
        Files.writeString(saved, "some log line\n" + r + "\n" + r + "\nload average: 1.0\n");
        assertThat(MemoryTable.run(List.of(saved))).contains("| conns ws 30 | 2 | 30 |");
        assertThat(ResultText.medians(List.of(saved))).contains("conns ws 30 (medians of 2 runs):", "memory_method");
    }

    @Test
    void connsAcrossChildProcesses() throws Exception {
        Result r = new ConnsScenario().run(Args.of(java.util.Map.of("target", "ws://127.0.0.1:" + jgateway.wsPort() + "/",
                "pid", PID, "conns", "40", "per-process", "20", "bind-join", "true", "settle", "0.2")));
        assertThat(r.get("conns")).isEqualTo(40);
        assertThat(r.get("errors")).isZero();
    }

    @Test
    void scaleServesEveryConnectionOverSeveralGateways() throws Exception {
        // A second gateway on another lanIp (standing in for another host), found by the first one's worker through
        // the register; three targets over two gateways and both protocols, from two generator processes.
        try (RoleLauncher second = RoleLauncher.start(Args.of(java.util.Map.of("roles", "gateway", "lan-ip", "127.0.0.2",
                "register", "127.0.0.1:" + jgateway.registerPort(), "ws-port", "0", "text-port", "0",
                "inner-ws-port", "0", "inner-text-port", "0", "threads", "1")))) {
            assertThat(jgateway.awaitWorker(4, 10_000)).as("worker connected to the second gateway too").isTrue();
            String targets = "ws://127.0.0.1:" + jgateway.wsPort() + "/,ws://127.0.0.1:" + second.wsPort()
                    + "/,tcp://127.0.0.1:" + second.textPort();
            Result r = new ScaleScenario().run(Args.of(java.util.Map.of("targets", targets, "conns", "60",
                    "per-process", "30", "window", "8", "timeout", "20", "first-source", "20",
                    "worker-pid", PID, "gateway-pids", PID + "," + PID + "," + PID)));
            assertThat(r.get("conns")).isEqualTo(60);
            assertThat(r.get("gw2_conns")).isEqualTo(20);
            assertThat(r.get("echo_served")).isEqualTo(60);
            assertThat(r.get("all_delivered")).isEqualTo(60);
            assertThat(r.get("say_delivered")).isEqualTo(60);
            assertThat(r.note("verdict")).startsWith("ALL SERVED");
        }
    }

    @Test
    void suitePrintsATable() throws Exception {
        List<Result> medians = Suite.run(Args.of(java.util.Map.of("ws", "ws://127.0.0.1:" + ceiling.wsPort() + "/",
                "text", "tcp://127.0.0.1:" + ceiling.textPort(), "pid", PID, "runs", "1", "only", "latency", "quick", "true")));
        assertThat(medians).hasSize(1);
        assertThat(Suite.table(medians, 1)).contains("echo ws 100x1");
    }

    private static Args args(String target, String... keyValues) {
        return Args.of(java.util.Map.of("target", target, "pid", PID, "warmup", "0.3", "duration", "1"))
                .with(keyValues);
    }
}
