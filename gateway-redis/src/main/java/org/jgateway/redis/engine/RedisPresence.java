package org.jgateway.redis.engine;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jgateway.engine.ClusterPresence;
import org.jgateway.redis.RedisConnections;

/**
 * Presence from the index the gateways keep in Redis. Each query first drops the state of gateways whose
 * announcement expired, then fails unless every gateway the asker knows keeps its state in Redis (a PHP gateway,
 * or one rebuilding its state, does not): the Gateway API then asks the gateways themselves.
 */
final class RedisPresence {

    private final EngineScript script;
    private final RedisConnections redis;
    private final Duration timeout;

    RedisPresence(EngineScript script, RedisConnections redis, Duration timeout) {
        this.script = script;
        this.redis = redis;
        this.timeout = timeout;
    }

    /** The presence for an asker that knows {@code gateways}. */
    ClusterPresence of(Collection<String> gateways) {
        return new ClusterPresence() {
            @Override
            public CompletableFuture<Map<String, List<String>>> clientIdsByUids(Set<String> uids) {
                List<String> order = new ArrayList<>(uids);
                return this.<List<Object>>ask(ScriptOutputType.MULTI, "uids", order).thenApply(reply -> {
                    Map<String, List<String>> byUid = new LinkedHashMap<>();
                    for (int i = 0; i < order.size(); i++) {
                        byUid.put(order.get(i), sorted((List<?>) reply.get(i)));
                    }
                    return byUid;
                });
            }

            @Override
            public CompletableFuture<Set<String>> clientIdsByGroup(String group) {
                return this.<List<Object>>ask(ScriptOutputType.MULTI, "group", List.of(group))
                        .thenApply(reply -> new LinkedHashSet<>(sorted(reply)));
            }

            @Override
            public CompletableFuture<Integer> clientCountByGroup(String group) {
                return count("group_count", List.of(group));
            }

            @Override
            public CompletableFuture<Integer> clientCount() {
                return count("count", List.of());
            }

            @Override
            public CompletableFuture<Set<String>> uidsByGroup(String group) {
                return this.<List<Object>>ask(ScriptOutputType.MULTI, "group_uids", List.of(group))
                        .thenApply(reply -> new LinkedHashSet<>(sorted(reply)));
            }

            @Override
            public CompletableFuture<Integer> uidCount() {
                return count("uid_count", List.of());
            }

            @Override
            public CompletableFuture<Set<String>> groupIds() {
                return this.<List<Object>>ask(ScriptOutputType.MULTI, "groups", List.of())
                        .thenApply(reply -> new LinkedHashSet<>(sorted(reply)));
            }

            private CompletableFuture<Integer> count(String op, List<String> args) {
                return this.<Long>ask(ScriptOutputType.INTEGER, op, args).thenApply(Math::toIntExact);
            }

            private <T> CompletableFuture<T> ask(ScriptOutputType type, String op, List<String> args) {
                if (!redis.isConnected()) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the Redis connection is down"));
                }
                List<String> argv = new ArrayList<>(gateways.size() + 1 + args.size());
                argv.add(Integer.toString(gateways.size()));
                argv.addAll(gateways);
                argv.addAll(args);
                return script.<T>run(type, op, argv).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        };
    }

    /** Redis sets have no order; the API's answers are sorted so equal states give equal answers. */
    private static List<String> sorted(List<?> values) {
        List<String> strings = new ArrayList<>(values.size());
        for (Object value : values) {
            strings.add((String) value);
        }
        strings.sort(null);
        return strings;
    }
}
