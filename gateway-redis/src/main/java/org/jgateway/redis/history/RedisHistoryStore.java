package org.jgateway.redis.history;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jgateway.history.HistoryCounters;
import org.jgateway.history.HistoryMessage;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.StreamPosition;
import org.jgateway.redis.LuaScript;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisConnections.BinaryConnection;
import org.jgateway.redis.RedisKeys;
import org.jgateway.transport.FutureFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History in Redis Streams, shared by every process of a cluster: the senders (workers, {@code GatewayTemplate}) append
 * and the gateways read, wherever they run.
 * <p>
 * Each stream has two keys with one hash tag, {@code <prefix>:{h:group:<id>}:meta} (a hash: epoch and top offset) and
 * {@code <prefix>:{h:group:<id>}:entries} (a Redis stream, one entry per message, id {@code 0-<offset>}), so a Redis
 * Cluster keeps a stream on one node and spreads different streams over its nodes. One Lua script assigns offsets:
 * the sender builds the body for the position it last knew and the script keeps it only if that position is still
 * the stream's top ({@code XADD ... MAXLEN ~ size}, both keys' expiry set to the policy's ttl); otherwise it answers
 * the current top and the body is built again. So offsets have no gaps even with many senders, and a body that fails
 * to build takes no offset. A sender that lost the race claims the next offset for a moment (200 ms at most), so
 * that a busy sender cannot keep it from its turn. A stream whose meta key is gone (expired, Redis restarted without persistence, flushed)
 * starts a new epoch at offset 0: readers that knew the old epoch learn that their history is lost.
 * <p>
 * Reads apply the policy exactly: never more than {@code size} messages back from the top, never a message older than
 * {@code ttl}, whatever Redis still holds ({@code MAXLEN ~} trims in whole nodes, and expiry removes a stream only
 * once it is idle).
 * <p>
 * Within this process a stream's appends are serialized and published in offset order. Appends of different processes
 * to one stream are ordered by Redis; their messages reach the gateways over each sender's own connections.
 * <p>
 * {@link #readAsync} waits for nobody: the gateways recover clients with it on their event loops. When Redis cannot
 * be reached or does not answer within the command timeout, {@link #append} and {@link #read} throw (and
 * {@link #readAsync} fails with) {@link HistoryUnavailableException}: nothing is sent without being kept, and nothing
 * is read as complete that was not. Each failure is counted ({@link #stats()}), the outage logged once.
 */
public final class RedisHistoryStore implements HistoryStore, AutoCloseable {

    /** How long a call waits for Redis unless told otherwise. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RedisHistoryStore.class);
    /** Appends and reads one stream ({@code history.lua}); the stream's two keys share a hash tag. */
    private static final LuaScript SCRIPT = LuaScript.load(RedisHistoryStore.class, "history.lua");

    private static final int STRIPES = 64;
    /** Positions remembered per stripe, so that a busy stream's next append needs one round trip. */
    private static final int KNOWN_PER_STRIPE = 256;
    /** How long a sender that lost the race holds the next offset for itself (it comes back within a round trip). */
    private static final byte[] CLAIM_MILLIS = bytes(200);
    /** The pause before asking again while another sender's claim holds. */
    private static final long CLAIM_WAIT_NANOS = 200_000;
    private static final byte[] NO_BODY = new byte[0];
    private static final byte[] APPEND = bytes("append");
    private static final byte[] READ = bytes("read");

    private final BinaryConnection connection;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String prefix;
    private final HistoryOptions options;
    private final Duration commandTimeout;
    private final String description;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final RedisHistoryStats stats = new RedisHistoryStats();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Names this store's appends in a claim: within the store a stream's appends are serialized. */
    private final byte[] token = bytes(newEpoch());

    /** A store with {@link #DEFAULT_COMMAND_TIMEOUT}. */
    public RedisHistoryStore(RedisConnections redis, RedisKeys keys, HistoryOptions options) {
        this(redis, keys, options, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Opens the store's own connection to {@code redis} (message bodies are bytes, not text).
     *
     * @param keys           the cluster's key prefix
     * @param options        which streams keep history, how many messages and how long ({@code maxMemory} does not
     *                       apply: Redis's {@code maxmemory} does)
     * @param commandTimeout how long a call waits for Redis before it fails
     */
    public RedisHistoryStore(RedisConnections redis, RedisKeys keys, HistoryOptions options, Duration commandTimeout) {
        Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(keys, "keys").prefix();
        this.options = Objects.requireNonNull(options, "options");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
        this.description = redis.description();
        this.connection = redis.openBinary();
        this.commands = connection.commands();
    }

    /** The patterns. */
    public HistoryOptions options() {
        return options;
    }

    /** What was kept, retried and refused. */
    public RedisHistoryStats stats() {
        return stats;
    }

    @Override
    public HistoryCounters counters() {
        return new HistoryCounters("redis", stats.appended(), 0, 0, 0, stats.appendFailures(), stats.readFailures(), 0);
    }

    /** Whether the store's connection is up right now. */
    public boolean isConnected() {
        return connection.isConnected();
    }

    /** The two keys of {@code stream}: its meta hash and its entries, under one hash tag. */
    String[] keys(HistoryStream stream) {
        String tag = prefix + ":{h:" + stream.key() + "}:";
        return new String[] {tag + "meta", tag + "entries"};
    }

    @Override
    public boolean retains(HistoryStream stream) {
        return options.policyFor(stream) != null;
    }

    @Override
    public StreamPosition append(HistoryStream stream, Function<StreamPosition, byte[]> body, Publisher publish) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(publish, "publish");
        HistoryPolicy policy = options.requirePolicyFor(stream);
        String[] keys = keys(stream);
        Stripe stripe = stripes[(stream.key().hashCode() & 0x7fffffff) % STRIPES];
        stripe.lock.lock();
        try {
            StreamPosition known = stripe.known.get(stream.key());
            StreamPosition builtFor = null;
            byte[] message = NO_BODY;
            long deadline = System.nanoTime() + 2 * commandTimeout.toNanos();
            while (true) {
                // Without a known position, ask for it with an append that cannot match (no body is built for it).
                StreamPosition next = known == null ? null : known.next();
                if (next != null && !next.equals(builtFor)) {
                    message = Objects.requireNonNull(body.apply(next), "message body");
                    builtFor = next;
                }
                List<Object> reply;
                try {
                    reply = call(stream, "append", keys, APPEND, policy, bytes(known == null ? "" : known.epoch()),
                            bytes(known == null ? 0 : known.offset()), next == null ? NO_BODY : message, token,
                            CLAIM_MILLIS);
                } catch (HistoryUnavailableException e) {
                    stats.appendFailures.increment();
                    stripe.known.remove(stream.key());
                    throw e;
                }
                long outcome = (Long) reply.get(0);
                StreamPosition top = new StreamPosition((Long) reply.get(2), text(reply.get(1)));
                if ((Long) reply.get(3) == 1) {
                    stats.epochsStarted.increment();
                }
                if (outcome == 1) {
                    stripe.known.put(stream.key(), top);
                    stats.appended.increment();
                    publish.publish(top, message);
                    return top;
                }
                if (System.nanoTime() - deadline > 0) {
                    stats.appendFailures.increment();
                    throw new HistoryUnavailableException("History of " + stream + ": other senders kept appending for "
                            + commandTimeout.multipliedBy(2) + "; nothing was kept or sent", null);
                }
                if (outcome == 2) {
                    // Another sender claimed the next offset: give it the moment it needs.
                    LockSupport.parkNanos(CLAIM_WAIT_NANOS);
                } else if (next != null) {
                    stats.retries.increment();
                }
                known = top;
            }
        } finally {
            stripe.lock.unlock();
        }
    }

    @Override
    public HistoryPage read(HistoryStream stream, StreamPosition since, int limit) {
        return await(readAsync(stream, since, limit));
    }

    /** One script call; completes on Lettuce's I/O thread (or with the failure, after the command timeout). */
    @Override
    public CompletableFuture<HistoryPage> readAsync(HistoryStream stream, StreamPosition since, int limit) {
        if (limit < 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("limit must be positive: " + limit));
        }
        HistoryPolicy policy;
        try {
            policy = options.requirePolicyFor(stream);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return callAsync(stream, "read", keys(stream), READ, policy, bytes(since == null ? "" : since.epoch()),
                bytes(since == null ? 0 : since.offset()), bytes(Math.min(limit, policy.size())))
                .handle((reply, failure) -> {
                    if (failure != null) {
                        stats.readFailures.increment();
                        throw cause(failure);
                    }
                    return page(reply, since);
                });
    }

    private HistoryPage page(List<Object> reply, StreamPosition since) {
        StreamPosition position = new StreamPosition((Long) reply.get(2), text(reply.get(1)));
        if ((Long) reply.get(3) == 1) {
            stats.epochsStarted.increment();
        }
        if ((Long) reply.get(0) != 1) {
            return HistoryPage.lost(position);
        }
        long after = since == null ? 0 : since.offset();
        List<HistoryMessage> messages = new ArrayList<>(reply.size() - 4);
        for (int i = 4; i < reply.size(); i++) {
            messages.add(new HistoryMessage(after + i - 3, (byte[]) reply.get(i)));
        }
        return new HistoryPage(messages, position, true);
    }

    /** Runs one operation of the script for {@code stream} and waits for it; the common arguments first. */
    private List<Object> call(HistoryStream stream, String what, String[] keys, byte[] op, HistoryPolicy policy,
            byte[]... args) {
        return await(callAsync(stream, what, keys, op, policy, args));
    }

    /**
     * Runs one operation of the script for {@code stream}; the common arguments first. Fails with
     * {@link HistoryUnavailableException} when Redis cannot be reached or does not answer in time.
     */
    private CompletableFuture<List<Object>> callAsync(HistoryStream stream, String what, String[] keys, byte[] op,
            HistoryPolicy policy, byte[]... args) {
        byte[][] argv = new byte[4 + args.length][];
        argv[0] = op;
        argv[1] = bytes(policy.ttl().toMillis());
        argv[2] = bytes(policy.size());
        argv[3] = bytes(newEpoch());
        System.arraycopy(args, 0, argv, 4, args.length);
        CompletableFuture<List<Object>> reply;
        try {
            reply = SCRIPT.<String, byte[], List<Object>>run(commands, ScriptOutputType.MULTI, keys, argv);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        // Lettuce fails the command after the timeout itself; this bound only covers a lost callback.
        return reply.orTimeout(commandTimeout.toNanos() * 2, TimeUnit.NANOSECONDS).handle((result, failure) -> {
            if (failure == null) {
                if (failing.compareAndSet(true, false)) {
                    log.info("Redis {} is back: history sends and recoveries resumed", description);
                }
                return result;
            }
            throw unavailable(stream, what, cause(failure));
        });
    }

    private HistoryUnavailableException unavailable(HistoryStream stream, String what, Throwable failure) {
        String reason = failure instanceof TimeoutException ? "no answer within " + commandTimeout
                : Objects.requireNonNullElse(failure.getMessage(), failure.getClass().getSimpleName());
        if (failing.compareAndSet(false, true)) {
            log.warn("Redis {} unavailable for history ({}): history sends fail and recoveries are incomplete until it"
                    + " is back", description, reason);
        }
        return new HistoryUnavailableException("History of " + stream + " unavailable (" + what + "): Redis "
                + description + ": " + reason, failure);
    }

    /** Waits for a call of this store; its failure as thrown. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw cause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryUnavailableException("Interrupted while waiting for Redis", e);
        }
    }

    /** What failed, without the wrapping of the futures it came through. */
    private static RuntimeException cause(Throwable failure) {
        Throwable cause = FutureFailures.cause(failure);
        return cause instanceof RuntimeException e ? e : new CompletionException(cause);
    }

    /** A fresh epoch for a stream that has none: random, so that an epoch is never reused. */
    private static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(long number) {
        return bytes(Long.toString(number));
    }

    private static String text(Object bulk) {
        return new String((byte[]) bulk, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RedisHistoryStore{" + description + ", prefix=" + prefix + ", " + options + '}';
    }

    /** A lock for the streams hashed to it, and the positions it last saw them at. */
    private static final class Stripe {

        final ReentrantLock lock = new ReentrantLock();
        final Map<String, StreamPosition> known = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StreamPosition> eldest) {
                return size() > KNOWN_PER_STRIPE;
            }
        };
    }
}
