package org.jgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jgateway.bench.report.Result;
import org.jgateway.bench.scenario.RoutedScenario;
import org.jgateway.bench.server.RoleLauncher;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smoke run of the {@code routed} scenario with each cluster engine: two gateways (one WebSocket listener each, the
 * second on another lanIp) and a worker in this JVM, the pusher in a child process, a real redis-server for the redis
 * engine. Asserts that every push reached its client once and in order, and that the figures are there; performance
 * is measured with the tool, not asserted.
 */
class RoutedSmokeIT {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void registerEngine() throws Exception {
        try (RoleLauncher first = RoleLauncher.start(Args.of(Map.of("roles", "register,gateway,worker",
                "listeners", "ws", "register-port", "0", "ws-port", "0", "inner-ws-port", "0", "threads", "2")));
                RoleLauncher second = RoleLauncher.start(Args.of(Map.of("roles", "gateway", "listeners", "ws",
                        "lan-ip", "127.0.0.2", "register", "127.0.0.1:" + first.registerPort(), "ws-port", "0",
                        "inner-ws-port", "0", "threads", "1")))) {
            assertThat(first.awaitWorker(2, 10_000)).as("worker connected to both gateways").isTrue();
            Result r = run(first, second, "register", "--register", "127.0.0.1:" + first.registerPort());
            assertDelivered(r);
        }
    }

    @Test
    void redisEngine() throws Exception {
        String address = redis.host() + ":" + redis.port();
        try (RoleLauncher first = RoleLauncher.start(Args.of(Map.of("roles", "gateway,worker", "listeners", "ws",
                "engine", "redis", "redis", address, "ws-port", "0", "inner-ws-port", "0", "threads", "2")));
                RoleLauncher second = RoleLauncher.start(Args.of(Map.of("roles", "gateway", "listeners", "ws",
                        "lan-ip", "127.0.0.2", "engine", "redis", "redis", address, "ws-port", "0",
                        "inner-ws-port", "0", "threads", "1")))) {
            assertThat(first.awaitWorker(2, 10_000)).as("worker found both gateways in Redis").isTrue();
            Result r = run(first, second, "redis", "--redis", address);
            assertDelivered(r);
            assertThat(r.get("store_us_per_push")).as("the redis-server's CPU is not measured here").isNaN();
        }
    }

    private static Result run(RoleLauncher first, RoleLauncher second, String engine, String storeOption,
            String store) throws Exception {
        return new RoutedScenario().run(Args.of(Map.ofEntries(
                Map.entry("targets", "ws://127.0.0.1:" + first.wsPort() + "/,ws://127.0.0.1:" + second.wsPort() + "/"),
                Map.entry("gateway-pids", PID + "," + PID), Map.entry("worker-pid", PID),
                Map.entry("engine", engine), Map.entry(storeOption.substring(2), store),
                Map.entry("clients", "40"), Map.entry("owning", "1"), Map.entry("rate", "200"),
                Map.entry("pusher-threads", "2"), Map.entry("warmup", "0.5"), Map.entry("duration", "1.5"),
                Map.entry("idle", "0.2"), Map.entry("drain", "5"))));
    }

    private static void assertDelivered(Result r) {
        assertThat(r.get("target_uids")).isEqualTo(20);
        assertThat(r.get("sent")).isEqualTo(400);
        assertThat(r.get("delivered")).isEqualTo(400);
        assertThat(r.get("lost")).isZero();
        assertThat(r.get("duplicates")).isZero();
        assertThat(r.get("misrouted")).isZero();
        assertThat(r.get("out_of_order")).isZero();
        assertThat(r.get("send_failed")).isZero();
        assertThat(r.get("unexpected")).isZero();
        assertThat(r.get("samples")).isPositive();
        assertThat(r.get("server_us_per_push")).isPositive();
        assertThat(r.get("gw2_cores")).isNotNaN();
    }
}
