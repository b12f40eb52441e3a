package org.jgateway.redis.engine;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jgateway.redis.LuaScript;

/**
 * The senders' routing lookups ({@code route.lua}), one call to Redis at a time per connection: lookups asked for
 * while a call is under way wait for it and then go together in the next call, made from the thread that received
 * the reply (Lettuce's event loop, which writes it without waking anyone). Under load this turns several calls, each
 * with its own network round and script start in Redis and its own hand-offs between threads, into one; a lone
 * lookup goes out at once.
 * <p>
 * Lookups are answered in the order they were asked for (a failed call also fails those waiting behind it), so a
 * sender's pushes keep their order whether it waits for each lookup or sends from the answers; a lookup reads
 * whatever Redis holds when its call runs, which is after every change whose call had returned when it was asked for.
 */
final class RoutingLookups {

    /** The most lookups in one call, so that one script run stays short. */
    static final int MAX_BATCH = 64;

    private static final LuaScript SCRIPT = LuaScript.load(RoutingLookups.class, "route.lua");

    /** What to look up: the gateways holding a client of one of the uids, a member of one of the groups, any client. */
    enum Kind {
        UIDS("u"), GROUPS("g"), ANY_CLIENT("a");

        private final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /**
     * A lookup's answer.
     *
     * @param live   the gateways whose state in Redis is complete (announced, not expired, not rebuilding)
     * @param owners the gateways holding a target
     */
    record Routes(Set<String> live, Set<String> owners) {
    }

    private record Lookup(Kind kind, Collection<String> ids, CompletableFuture<Routes> reply) {
    }

    private final RedisScriptingAsyncCommands<String, String> redis;
    private final String tag;
    private final String[] keys;
    private final ArrayDeque<Lookup> waiting = new ArrayDeque<>();
    /** Whether a call is under way; guarded by {@link #waiting}. */
    private boolean calling;

    /** @param prefix the cluster's key prefix ({@code gateway.cluster.redis.prefix}) */
    RoutingLookups(RedisScriptingAsyncCommands<String, String> redis, String prefix) {
        this.redis = redis;
        this.tag = EngineKeys.tag(prefix);
        this.keys = new String[] {tag + "indexed"};
    }

    /**
     * Looks up the owners of {@code ids}. The future completes on Lettuce's thread, or fails as the call did;
     * cancelling it (a sender that stopped waiting) drops the lookup if it has not been sent yet.
     */
    CompletableFuture<Routes> lookup(Kind kind, Collection<String> ids) {
        Lookup lookup = new Lookup(kind, ids, new CompletableFuture<>());
        synchronized (waiting) {
            if (calling) {
                waiting.add(lookup);
                return lookup.reply();
            }
            calling = true;
        }
        call(List.of(lookup));
        return lookup.reply();
    }

    private void call(List<Lookup> batch) {
        CompletableFuture<List<Object>> reply;
        try {
            reply = SCRIPT.run(redis, ScriptOutputType.MULTI, keys, arguments(batch));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((values, failure) -> {
            try {
                answer(batch, values, failure);
            } catch (RuntimeException unreadable) {
                batch.forEach(lookup -> lookup.reply().completeExceptionally(unreadable));
            } finally {
                if (failure != null) {
                    failWaiting(failure);
                }
                callNext();
            }
        });
    }

    private static void answer(List<Lookup> batch, List<Object> values, Throwable failure) {
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Routes> reply = batch.get(i).reply();
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else {
                reply.complete(new Routes(addresses(values.get(0)), addresses(values.get(i + 1))));
            }
        }
    }

    /** A list of gateway addresses in the script's reply. */
    private static Set<String> addresses(Object reply) {
        Set<String> addresses = new HashSet<>();
        for (Object address : (List<?>) reply) {
            addresses.add(address.toString());
        }
        return addresses;
    }

    /**
     * A call that failed (Redis away, or not answering within the command timeout) fails the lookups waiting behind it
     * too, in their order, instead of sending them in calls that would most likely fail the same way one timeout
     * after another: senders that do not wait for their lookups could otherwise pile up lookups faster than failing
     * calls drain them.
     */
    private void failWaiting(Throwable failure) {
        List<Lookup> failed;
        synchronized (waiting) {
            failed = new ArrayList<>(waiting);
            waiting.clear();
        }
        failed.forEach(lookup -> lookup.reply().completeExceptionally(failure));
    }

    /** Sends the lookups that waited, or ends the call. */
    private void callNext() {
        List<Lookup> batch = new ArrayList<>();
        synchronized (waiting) {
            Lookup next;
            while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
                if (!next.reply().isDone()) {
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                calling = false;
                return;
            }
        }
        call(batch);
    }

    private String[] arguments(List<Lookup> batch) {
        int size = 1;
        for (Lookup lookup : batch) {
            size += 2 + lookup.ids().size();
        }
        String[] argv = new String[size];
        argv[0] = tag;
        int at = 1;
        for (Lookup lookup : batch) {
            argv[at++] = lookup.kind().code;
            argv[at++] = Integer.toString(lookup.ids().size());
            for (String id : lookup.ids()) {
                argv[at++] = id;
            }
        }
        return argv;
    }
}
