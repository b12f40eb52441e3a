package org.jgateway.redis.engine;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.engine.LocalIndex;
import org.jgateway.engine.LocalIndexListener;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.Ipv4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway listener's state in Redis: its clients, their uids and groups, and its announcement.
 * <p>
 * The gateway reports each change from inside the client's critical section ({@link LocalIndexListener}); the write
 * is issued there, asynchronously, on the one connection, so Redis applies one client's changes in order. The
 * announcement is refreshed every {@link RedisEngineOptions#heartbeatInterval()}; it is made only after the whole
 * state was written (a rebuild: drop whatever Redis has of this gateway, which also withdraws the announcement,
 * write every client, announce), so a gateway is announced only while Redis has all of it. A rebuild runs at start,
 * when the heartbeat finds the announcement gone (the gateway was cut off for longer than the TTL, or Redis lost its
 * data) and after a write failed.
 */
final class RedisGatewayIndex implements LocalIndexListener {

    private static final Logger log = LoggerFactory.getLogger(RedisGatewayIndex.class);
    /** How soon a gateway whose state Redis may lack tries again to rebuild it. */
    private static final Duration REPAIR_RETRY = Duration.ofMillis(250);

    private final String address;
    private final int lanIp;
    private final int innerPort;
    private final LocalIndex index;
    private final EngineScript script;
    private final RedisEngineOptions options;
    private final ScheduledExecutorService scheduler;
    private final IndexSyncStats stats;
    private final StoreHealth health;
    /** Set when Redis may lack part of this gateway's state; the next heartbeat rebuilds it. */
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private final AtomicBoolean repairQueued = new AtomicBoolean();
    private volatile boolean announced;
    /** The clients Redis holds for this gateway, as last counted; 0 while it is not announced. */
    private long indexedClients;
    private volatile boolean closed;
    private ScheduledFuture<?> heartbeat;

    RedisGatewayIndex(String address, LocalIndex index, EngineScript script, RedisEngineOptions options,
            ScheduledExecutorService scheduler, IndexSyncStats stats) {
        this.address = address;
        int colon = address.lastIndexOf(':');
        this.lanIp = Ipv4.parse(address.substring(0, colon));
        this.innerPort = Integer.parseInt(address.substring(colon + 1));
        this.index = index;
        this.script = script;
        this.options = options;
        this.scheduler = scheduler;
        this.stats = stats;
        this.health = new StoreHealth(log, "Redis engine (gateway " + address + ")");
    }

    void start() {
        long interval = options.heartbeatInterval().toMillis();
        heartbeat = scheduler.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
    }

    // ---- changes ----

    @Override
    public void connected(int connectionId) {
        write("connected", clientId(connectionId));
    }

    @Override
    public void closed(int connectionId, String uid, Set<String> groups) {
        write("drop", clientId(connectionId));
    }

    @Override
    public void absent(int connectionId) {
        write("drop", clientId(connectionId));
    }

    @Override
    public void uidBound(int connectionId, String uid) {
        write("applied", clientId(connectionId), "bind", uid);
    }

    @Override
    public void uidUnbound(int connectionId) {
        write("applied", clientId(connectionId), "unbind", "");
    }

    @Override
    public void groupJoined(int connectionId, String group) {
        write("applied", clientId(connectionId), "join", group);
    }

    @Override
    public void groupLeft(int connectionId, String group) {
        write("applied", clientId(connectionId), "leave", group);
    }

    private String clientId(int connectionId) {
        return ClientId.format(lanIp, innerPort, connectionId);
    }

    private CompletableFuture<Long> write(String op, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(address);
        argv.addAll(List.of(args));
        CompletableFuture<Long> reply = script.run(ScriptOutputType.INTEGER, op, argv);
        reply.whenComplete((ignored, failure) -> {
            if (failure != null) {
                writeFailed(op, failure);
            }
        });
        return reply;
    }

    private void writeFailed(String op, Throwable failure) {
        stats.writeFailed();
        health.failed(op, failure);
        stale.set(true);
        repairSoon();
    }

    // ---- heartbeat and rebuild ----

    private void beat() {
        repairQueued.set(false);
        if (closed) {
            return;
        }
        try {
            if (stale.get()) {
                rebuild();
                return;
            }
            Long indexed = await(script.run(ScriptOutputType.INTEGER, "heartbeat",
                    List.of(address, Long.toString(options.presenceTtl().toMillis()))), options.commandTimeout());
            if (indexed < 0) {
                log.warn("Gateway {}: its state in Redis was gone (cut off longer than {} or Redis restarted)",
                        address, options.presenceTtl());
                rebuild();
            } else {
                setIndexedClients(indexed);
                if (health.succeeded()) {
                    log.info("Gateway {}: Redis is back", address);
                }
            }
        } catch (RuntimeException e) {
            setAnnounced(false);
            health.failed("heartbeat", e);
            if (stale.get()) {
                // Redis may be back with this gateway's old announcement: rebuild as soon as it answers.
                repairSoon();
            }
        }
    }

    private void repairSoon() {
        if (!closed && repairQueued.compareAndSet(false, true)) {
            scheduler.schedule(this::beat, REPAIR_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void rebuild() {
        setAnnounced(false);
        // A write failing from here on sets it again, and this rebuild does not announce.
        stale.set(false);
        // Withdrawn first (and nothing more tried while Redis does not answer): senders send this gateway every push.
        await(write("reset"), options.commandTimeout());
        AtomicInteger clients = new AtomicInteger();
        index.forEachClient((connectionId, uid, groups) -> {
            List<String> argv = new ArrayList<>(4 + groups.size());
            argv.add(clientId(connectionId));
            argv.add(uid == null ? "" : uid);
            argv.add(uid == null ? "0" : "1");
            argv.addAll(groups);
            write("put", argv.toArray(String[]::new));
            clients.incrementAndGet();
        });
        try {
            await(write("live", Long.toString(options.presenceTtl().toMillis())), options.presenceTtl());
        } catch (RuntimeException e) {
            stale.set(true);
            throw e;
        }
        // The replies come in order: a write that failed before "live" has set stale by now.
        if (stale.get()) {
            write("reset");
            throw new IllegalStateException("a write of the rebuild failed");
        }
        setAnnounced(true);
        setIndexedClients(clients.get());
        stats.rebuilt();
        health.succeeded();
        log.info("Gateway {}: state written to Redis ({} clients), announced", address, clients.get());
    }

    private static <T> T await(CompletableFuture<T> reply, Duration timeout) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Redis: " + e, e);
        }
    }

    private void setAnnounced(boolean now) {
        stats.announced(now, announced);
        announced = now;
        if (!now) {
            setIndexedClients(0);
        }
    }

    /** Synchronized: the heartbeat thread and close() both set it. */
    private synchronized void setIndexedClients(long now) {
        stats.indexedClients(now, indexedClients);
        indexedClients = now;
    }

    /** Withdraws this gateway's state and announcement from Redis. */
    @Override
    public void close() {
        closed = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        setAnnounced(false);
        try {
            await(write("reset"), options.commandTimeout());
        } catch (RuntimeException e) {
            log.warn("Gateway {}: could not remove its state from Redis ({}); it expires within {}", address,
                    e.getMessage(), options.presenceTtl());
        }
    }
}
