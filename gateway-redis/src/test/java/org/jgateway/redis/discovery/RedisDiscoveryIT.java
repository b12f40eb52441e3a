package org.jgateway.redis.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.jgateway.discovery.GatewayWatch;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.test.RedisServerExtension;
import org.jgateway.test.TextClient;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway JVMs, one worker JVM and a real Redis, no register: the worker serves the clients of both gateways, and
 * a gateway killed with SIGKILL leaves every list once its announcement expires.
 */
class RedisDiscoveryIT {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @Test
    void gatewayAndWorkerJvmsFindEachOtherInRedisAndAKilledGatewayExpires() {
        String prefix = "it";
        try (RedisNodeProcess first = new RedisNodeProcess("gateway", redis.port(), prefix);
             RedisNodeProcess second = new RedisNodeProcess("gateway", redis.port(), prefix);
             RedisNodeProcess worker = new RedisNodeProcess("worker", redis.port(), prefix);
             EventLoopResources loops = EventLoopResources.create(1, "it");
             RedisConnections connections = RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                     Duration.ofSeconds(5))) {
            String firstInner = first.ready()[2];
            String secondInner = second.ready()[2];
            RedisDiscovery discovery = RedisDiscovery.builder(connections).keys(new RedisKeys(prefix))
                    .pollInterval(Duration.ofMillis(100)).build();
            try (GatewayWatch watch = discovery.watch(loops.borrowed(), list -> { })) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> watch.gatewayAddresses().equals(Set.of(firstInner, secondInner)));
                await().atMost(Duration.ofSeconds(10)).until(() -> worker.ask("known", "KNOWN")
                        .equals(String.join(",", new TreeSet<>(Set.of(firstInner, secondInner)))));

                try (TextClient alice = new TextClient("127.0.0.1", Integer.parseInt(first.ready()[1]));
                     TextClient bob = new TextClient("127.0.0.1", Integer.parseInt(second.ready()[1]))) {
                    // The worker reached both gateways (other JVMs) through what they announced in Redis.
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(
                            () -> assertThat(alice.send("hi").read()).isEqualTo("echo:hi"));
                    assertThat(bob.send("hello").read()).isEqualTo("echo:hello");

                    second.kill9();
                    long killed = System.nanoTime();
                    // No withdrawal: the announcement stays until it expires (10 s after the last refresh).
                    await().atMost(Duration.ofSeconds(15)).until(() -> watch.gatewayAddresses().equals(Set.of(firstInner)));
                    Duration gone = Duration.ofNanos(System.nanoTime() - killed);
                    assertThat(gone).isGreaterThan(Duration.ofSeconds(5)).isLessThanOrEqualTo(Duration.ofSeconds(12));
                    await().atMost(Duration.ofSeconds(3)).until(() -> worker.ask("known", "KNOWN").equals(firstInner));
                    assertThat(alice.send("still here").read()).isEqualTo("echo:still here");
                }
            }
        }
    }
}
