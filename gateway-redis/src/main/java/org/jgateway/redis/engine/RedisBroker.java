package org.jgateway.redis.engine;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jgateway.engine.BrokerStats;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterPresence;
import org.jgateway.engine.Membership;
import org.jgateway.redis.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redis engine's sender side: a push goes to the gateways that hold a target according to the index the gateways
 * keep in Redis, plus every known gateway that keeps no complete state there (not announced, expired, rebuilding,
 * or a PHP gateway), so a push is never routed away from a gateway Redis cannot vouch for. The frames travel on the
 * sender's usual gateway connections.
 * <p>
 * Every Redis call of a blocking command is waited for on the sending thread (at most
 * {@link RedisEngineOptions#commandTimeout()}), so one sender's pushes keep their order; the asynchronous pushes'
 * lookups ({@link #uidOwnersAsync}) are answered on Lettuce's thread in the order they were asked for, which keeps
 * theirs. The routing lookups of concurrent senders share calls ({@link RoutingLookups}). When Redis does not
 * answer, a push goes to every known gateway ({@link BrokerStats#routingFallbacks()}), a membership change is
 * counted ({@link BrokerStats#membershipWriteFailures()}) and still sent, and the gateway records it itself.
 */
public final class RedisBroker implements ClusterBroker {

    /** The engine's name, {@code gateway.cluster.engine=redis}. */
    public static final String NAME = "redis";

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

    private final EngineScript script;
    private final RoutingLookups lookups;
    private final RedisEngineOptions options;
    private final BrokerStats stats = new BrokerStats();
    private final StoreHealth health = new StoreHealth(log, "Redis engine (sender)");
    private final RedisPresence presence;

    private final RedisConnections redis;

    /** @param redis the connection to look up and record on; while it is down, the broker does not wait for it */
    public RedisBroker(RedisConnections redis, RedisEngineOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.script = new EngineScript(redis.commands(), options.prefix());
        this.lookups = new RoutingLookups(redis.commands(), options.prefix());
        this.presence = new RedisPresence(script, redis, options.commandTimeout());
    }

    @Override
    public String engine() {
        return NAME;
    }

    @Override
    public Collection<String> uidOwners(Collection<String> uids, Collection<String> gateways) {
        return route(RoutingLookups.Kind.UIDS, uids, gateways);
    }

    @Override
    public Collection<String> groupOwners(Collection<String> groups, Collection<String> gateways) {
        return route(RoutingLookups.Kind.GROUPS, groups, gateways);
    }

    @Override
    public Collection<String> clientOwners(Collection<String> gateways) {
        return route(RoutingLookups.Kind.ANY_CLIENT, List.of(), gateways);
    }

    @Override
    public CompletableFuture<Collection<String>> uidOwnersAsync(Collection<String> uids,
            Collection<String> gateways) {
        return routeAsync(RoutingLookups.Kind.UIDS, uids, gateways);
    }

    @Override
    public CompletableFuture<Collection<String>> groupOwnersAsync(Collection<String> groups,
            Collection<String> gateways) {
        return routeAsync(RoutingLookups.Kind.GROUPS, groups, gateways);
    }

    private Collection<String> route(RoutingLookups.Kind kind, Collection<String> targets,
            Collection<String> gateways) {
        RoutingLookups.Routes routes;
        try {
            routes = await(() -> lookups.lookup(kind, targets), "routing lookup");
        } catch (RuntimeException e) {
            stats.routingFallback();
            return gateways;
        }
        return chosen(routes, gateways);
    }

    /**
     * The lookup is not waited for: its answer is applied on Lettuce's thread, which completes lookups in the order
     * they were asked for. No check of the connection first (as {@link #await} makes): a lookup asked for while Redis is
     * away fails from Lettuce in its turn, behind those already under way, so a fallback never overtakes them. A call
     * Redis does not answer fails after the command timeout (Lettuce's timeout option).
     */
    private CompletableFuture<Collection<String>> routeAsync(RoutingLookups.Kind kind, Collection<String> targets,
            Collection<String> gateways) {
        return lookups.lookup(kind, targets).handle((routes, failure) -> {
            if (failure != null) {
                health.failed("routing lookup", failure);
                stats.routingFallback();
                return gateways;
            }
            recovered();
            return chosen(routes, gateways);
        });
    }

    /** The gateways holding a target, and every gateway whose state Redis cannot vouch for. */
    private Collection<String> chosen(RoutingLookups.Routes routes, Collection<String> gateways) {
        Set<String> live = routes.live();
        Set<String> owners = routes.owners();
        List<String> chosen = new ArrayList<>();
        for (String gateway : gateways) {
            if (owners.contains(gateway) || !live.contains(gateway)) {
                chosen.add(gateway);
            }
        }
        if (chosen.size() < gateways.size()) {
            stats.routedCommand();
        } else {
            stats.broadcastCommand();
        }
        return chosen;
    }

    @Override
    public void membershipChanging(Membership change) {
        try {
            if (change.kind() == Membership.Kind.UNGROUP) {
                await(() -> script.run(ScriptOutputType.INTEGER, "ungroup", List.of(change.id())), "ungroup");
            } else {
                await(() -> script.run(ScriptOutputType.INTEGER, "mirror", List.of(change.client().gatewayAddress(),
                        change.client().toString(), kind(change.kind()), change.id())), "membership");
            }
        } catch (RuntimeException e) {
            stats.membershipWriteFailure();
        }
    }

    @Override
    public void membershipNotSent(Membership change) {
        if (change.client() == null) {
            return;
        }
        try {
            await(() -> script.run(ScriptOutputType.INTEGER, "unmirror", List.of("", change.client().toString())),
                    "membership");
        } catch (RuntimeException e) {
            stats.membershipWriteFailure();
        }
    }

    /** Null (ask the gateways, who then say none is known) when no gateway is known. */
    @Override
    public ClusterPresence presence(Collection<String> gateways) {
        return gateways.isEmpty() ? null : presence.of(gateways);
    }

    @Override
    public BrokerStats stats() {
        return stats;
    }

    /** Whether the last call to Redis failed. */
    public boolean storeFailing() {
        return health.failing();
    }

    private <T> T await(Supplier<CompletableFuture<T>> call, String what) {
        if (!redis.isConnected()) {
            IllegalStateException down = new IllegalStateException("the Redis connection is down");
            health.failed(what, down);
            throw down;
        }
        CompletableFuture<T> reply = call.get();
        try {
            T value = reply.get(options.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
            recovered();
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health.failed(what, e);
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            health.failed(what, e.getCause());
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(false);
            health.failed(what, e);
            throw new IllegalStateException("Redis did not answer within " + options.commandTimeout(), e);
        }
    }

    private void recovered() {
        if (health.succeeded()) {
            log.info("Redis engine (sender): Redis is back; routing by the gateways' index again");
        }
    }

    static String kind(Membership.Kind kind) {
        return switch (kind) {
            case BIND_UID -> "bind";
            case UNBIND_UID -> "unbind";
            case JOIN_GROUP -> "join";
            case LEAVE_GROUP -> "leave";
            case UNGROUP -> throw new IllegalArgumentException("ungroup is not a change of one client");
        };
    }

    @Override
    public String toString() {
        return "RedisBroker{" + options + '}';
    }
}
