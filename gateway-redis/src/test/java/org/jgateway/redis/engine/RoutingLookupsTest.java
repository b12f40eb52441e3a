package org.jgateway.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.engine.RoutingLookups.Kind;
import org.jgateway.redis.engine.RoutingLookups.Routes;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lookups asked for while a call is under way share the next call, each with its own answer, against a real
 * redis-server; {@code CLIENT PAUSE} holds a call in Redis for as long as a test needs it under way.
 */
class RoutingLookupsTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final String TAG = EngineKeys.tag("lookups");
    private final List<RedisConnections> connections = new ArrayList<>();

    @BeforeEach
    void holdUidsOnTwoGateways() {
        redis.command("ZADD", TAG + "indexed", Long.toString(System.currentTimeMillis() + 600_000), "gw1");
        redis.command("ZADD", TAG + "indexed", Long.toString(System.currentTimeMillis() + 600_000), "gw2");
        redis.command("ZADD", TAG + "indexed", "1", "expired");
        for (int i = 0; i < 200; i++) {
            redis.command("HSET", TAG + "uidgw:u" + i, i % 2 == 0 ? "gw1" : "gw2", "1");
        }
        redis.command("HSET", TAG + "uidgw:both", "gw1", "2", "gw2", "1");
        redis.command("HSET", TAG + "grpgw:room", "gw2", "3");
        redis.command("SADD", TAG + "gw:gw1", "c1");
    }

    @AfterEach
    void close() {
        connections.forEach(RedisConnections::close);
    }

    @Test
    void eachKindOfLookupNamesTheLiveGatewaysAndTheOwners() throws Exception {
        RoutingLookups lookups = lookups(Duration.ofSeconds(2));
        Routes uids = lookups.lookup(Kind.UIDS, List.of("u0", "both", "nobody")).get(2, TimeUnit.SECONDS);
        assertThat(uids.live()).containsExactlyInAnyOrder("gw1", "gw2");
        assertThat(uids.owners()).containsExactlyInAnyOrder("gw1", "gw2");
        assertThat(lookups.lookup(Kind.UIDS, List.of("u1")).get(2, TimeUnit.SECONDS).owners()).containsExactly("gw2");
        assertThat(lookups.lookup(Kind.GROUPS, List.of("room", "empty")).get(2, TimeUnit.SECONDS).owners())
                .containsExactly("gw2");
        assertThat(lookups.lookup(Kind.ANY_CLIENT, List.of()).get(2, TimeUnit.SECONDS).owners())
                .containsExactly("gw1");
        assertThat(lookups.lookup(Kind.UIDS, List.of()).get(2, TimeUnit.SECONDS).owners()).isEmpty();
    }

    @Test
    void lookupsAskedForDuringACallShareTheNextCallsOfAtMostMaxBatchLookups() throws Exception {
        RoutingLookups lookups = lookups(Duration.ofSeconds(5));
        countCallsWhileRedisPauses(lookups, 300);
        CompletableFuture<Routes> first = lookups.lookup(Kind.UIDS, List.of("both"));
        List<CompletableFuture<Routes>> waiting = new ArrayList<>();
        int asked = RoutingLookups.MAX_BATCH + 10;
        for (int i = 0; i < asked; i++) {
            waiting.add(lookups.lookup(i % 3 == 0 ? Kind.GROUPS : Kind.UIDS, List.of(i % 3 == 0 ? "room" : "u" + i)));
        }
        assertThat(first.get(5, TimeUnit.SECONDS).owners()).containsExactlyInAnyOrder("gw1", "gw2");
        for (int i = 0; i < asked; i++) {
            Routes routes = waiting.get(i).get(5, TimeUnit.SECONDS);
            assertThat(routes.live()).containsExactlyInAnyOrder("gw1", "gw2");
            assertThat(routes.owners()).as("lookup %d", i).containsExactly(i % 3 == 0 || i % 2 == 1 ? "gw2" : "gw1");
        }
        assertThat(scriptCalls()).as("the first call, then the waiting lookups in two").isEqualTo(3);
    }

    @Test
    void aLookupWhoseSenderStoppedWaitingIsNotSent() throws Exception {
        RoutingLookups lookups = lookups(Duration.ofSeconds(5));
        countCallsWhileRedisPauses(lookups, 200);
        CompletableFuture<Routes> first = lookups.lookup(Kind.UIDS, List.of("u0"));
        lookups.lookup(Kind.UIDS, List.of("u1")).cancel(false);
        assertThat(first.get(5, TimeUnit.SECONDS).owners()).containsExactly("gw1");
        assertThat(lookups.lookup(Kind.UIDS, List.of("u3")).get(2, TimeUnit.SECONDS).owners()).containsExactly("gw2");
        assertThat(scriptCalls()).isEqualTo(2);
    }

    @Test
    void callsThatFailFailTheirLookupsAndLaterLookupsGetCallsAgain() throws Exception {
        RoutingLookups lookups = lookups(Duration.ofMillis(200));
        lookups.lookup(Kind.UIDS, List.of("u0")).get(2, TimeUnit.SECONDS);
        redis.command("CLIENT", "PAUSE", "700", "ALL");
        CompletableFuture<Routes> first = lookups.lookup(Kind.UIDS, List.of("u0"));
        CompletableFuture<Routes> waiting = lookups.lookup(Kind.UIDS, List.of("u1"));
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RedisCommandTimeoutException.class);
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RedisCommandTimeoutException.class);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(lookups.lookup(Kind.UIDS, List.of("u1")).get(2, TimeUnit.SECONDS).owners())
                        .containsExactly("gw2"));
    }

    /**
     * Senders that do not wait could pile up lookups faster than calls failing one timeout after another drain them:
     * a failed call fails those waiting behind it, in their order, without calling Redis for them.
     */
    @Test
    void aFailedCallFailsTheLookupsWaitingBehindItWithoutCallingForThem() throws Exception {
        RoutingLookups lookups = lookups(Duration.ofMillis(200));
        countCallsWhileRedisPauses(lookups, 700);
        CompletableFuture<Routes> first = lookups.lookup(Kind.UIDS, List.of("u0"));
        List<CompletableFuture<Routes>> waiting = new ArrayList<>();
        List<Integer> failedInOrder = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3 * RoutingLookups.MAX_BATCH; i++) {
            int index = i;
            CompletableFuture<Routes> lookup = lookups.lookup(Kind.UIDS, List.of("u" + i));
            lookup.whenComplete((routes, failure) -> failedInOrder.add(index));
            waiting.add(lookup);
        }
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RedisCommandTimeoutException.class);
        for (CompletableFuture<Routes> lookup : waiting) {
            assertThatThrownBy(() -> lookup.get(1, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RedisCommandTimeoutException.class);
        }
        assertThat(failedInOrder).isSorted().hasSize(waiting.size());
        redis.command("PING"); // answered once the pause is over
        assertThat(lookups.lookup(Kind.UIDS, List.of("u1")).get(2, TimeUnit.SECONDS).owners()).containsExactly("gw2");
        assertThat(scriptCalls()).as("the call that failed, and the lookup once Redis answers again").isEqualTo(2);
    }

    /** Loads the script with a first lookup, starts counting calls, and pauses Redis for {@code millis}. */
    private static void countCallsWhileRedisPauses(RoutingLookups lookups, int millis) throws Exception {
        lookups.lookup(Kind.UIDS, List.of("u0")).get(2, TimeUnit.SECONDS);
        redis.command("CONFIG", "RESETSTAT");
        redis.command("CLIENT", "PAUSE", Integer.toString(millis), "ALL");
    }

    private RoutingLookups lookups(Duration timeout) {
        RedisConnections connection = RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()),
                timeout);
        connections.add(connection);
        return new RoutingLookups(connection.commands(), "lookups");
    }

    /** Runs of route.lua (by its sha, and the one load by source if there was one) since the stats were reset. */
    private static long scriptCalls() {
        String stats = (String) redis.command("INFO", "commandstats");
        long calls = 0;
        Matcher matcher = Pattern.compile("cmdstat_(evalsha|eval):calls=(\\d+)").matcher(stats);
        while (matcher.find()) {
            calls += Long.parseLong(matcher.group(2));
        }
        return calls;
    }
}
