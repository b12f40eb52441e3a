package org.jgateway.gateway;

import io.netty.buffer.ByteBufAllocator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jgateway.history.HistoryMessage;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.StreamPosition;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.transport.FutureFailures;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's side of history: delivers the messages of streams that keep history ({@code SEND_TO_STREAM}) and
 * recovers clients ({@code RECOVER}) by merging what the {@link HistoryStore} kept with what arrives live.
 * <p>
 * A recovery first joins the client to the group (or binds the uid) and starts holding back its live messages of the
 * stream, then reads the history after the client's position, sends it in offset order, then the held messages with
 * a higher offset, and from then on lets live messages through unless recovery already delivered them: no gap, no
 * duplicate, also while others keep sending. Both steps that touch a stream's members, the live delivery and the
 * start and end of a recovery, run under that stream's lock; the history read between them does not, and does not
 * hold up the thread that started the recovery either: the gateway's event loops never wait for the history store.
 */
final class StreamDelivery {

    private static final int STRIPES = 64;
    private static final byte[] OFFLINE = {'N', ';'};

    private final ClientRegistry registry;
    private final ByteBufAllocator alloc;
    private final GatewayCommandStats stats;
    private final HistoryStore store;
    private final Object[] locks = new Object[STRIPES];

    StreamDelivery(ClientRegistry registry, ByteBufAllocator alloc, GatewayCommandStats stats, HistoryStore store) {
        this.registry = registry;
        this.alloc = alloc;
        this.stats = stats;
        this.store = store;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** {@code SEND_TO_STREAM}: the body to the stream's clients, minus those recovering or already served. */
    void send(GatewayFrame frame) {
        int cmd = frame.cmd();
        JsonNode ext = CommandJson.parseObject(cmd, frame.ext());
        HistoryStream stream = stream(cmd, ext);
        long offset = offset(cmd, ext.get("offset"));
        String epoch = epoch(cmd, ext.get("epoch"));
        int[] excluded = CommandJson.connectionIds(cmd, ext.get("exclude"), true, "exclude");
        byte[] message = ClientMessenger.message(frame);
        if (message == null) {
            return;
        }
        String key = stream.key();
        Broadcast broadcast = new Broadcast(alloc, message, frame.raw(), excluded);
        try (broadcast) {
            ClientVisitor admitted = client -> {
                StreamCursor cursor = client.streamCursor(key);
                if (cursor == null || cursor.admit(offset, epoch, message)) {
                    broadcast.visit(client);
                }
            };
            synchronized (lock(key)) {
                if (stream.kind() == HistoryStream.Kind.GROUP) {
                    registry.forEachGroupMember(stream.id(), admitted);
                } else {
                    registry.forEachUidConnection(stream.id(), admitted);
                }
            }
        } finally {
            stats.messagesSent(broadcast.sent());
        }
    }

    /**
     * {@code RECOVER}: the reply payload, PHP-serialized. The start (join or bind, hold live messages) runs on the
     * calling thread; the history is read with {@link HistoryStore#readAsync}, so the calling thread never waits for
     * the store. When the read has completed by the time it returns (a store in memory), the recovery ends on the
     * calling thread too and the future is complete; otherwise it ends on {@code finishOn}, or on the recovering
     * client's event loop when that is null (its messages are then written from their own loop), never on the store's
     * thread. The future fails only when the history cannot be read and there is no position to report.
     *
     * @throws InvalidCommandException for a malformed frame or a stream that keeps no history; nothing was done
     */
    CompletableFuture<byte[]> recover(GatewayFrame frame, @Nullable Executor finishOn) {
        int cmd = frame.cmd();
        JsonNode ext = CommandJson.parseObject(cmd, frame.ext());
        HistoryStream stream = stream(cmd, ext);
        JsonNode epochNode = ext.get("epoch");
        StreamPosition since = epochNode == null || epochNode.isNull() ? null
                : new StreamPosition(offset(cmd, ext.get("offset")), epoch(cmd, epochNode));
        if (!store.retains(stream)) {
            throw new InvalidCommandException(cmd, stream + " keeps no history on this gateway");
        }
        ClientConnection client = registry.get(frame.connectionId());
        if (client == null) {
            return CompletableFuture.completedFuture(OFFLINE.clone());
        }
        String key = stream.key();
        Object lock = lock(key);
        StreamCursor cursor = client.openStreamCursor(key);
        synchronized (lock) {
            if (stream.kind() == HistoryStream.Kind.GROUP) {
                registry.joinGroup(client, stream.id());
            } else if (!stream.id().equals(client.uid())) {
                registry.bindUid(client, stream.id());
            }
            if (!cursor.hold()) {
                throw new InvalidCommandException(cmd, "a recovery of this client on " + stream + " is running");
            }
        }
        CompletableFuture<HistoryPage> read;
        try {
            read = store.readAsync(stream, since, Integer.MAX_VALUE);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        if (!read.isDone()) {
            Executor executor = orCaller(finishOn != null ? finishOn : client.sink().eventLoop());
            return read.handleAsync((page, failure) -> end(client, cursor, lock, since, page, failure), executor);
        }
        HistoryPage page;
        try {
            page = read.join();
        } catch (CompletionException | CancellationException e) {
            return completedEnd(client, cursor, lock, since, null, e);
        }
        return completedEnd(client, cursor, lock, since, page, null);
    }

    private CompletableFuture<byte[]> completedEnd(ClientConnection client, StreamCursor cursor, Object lock,
            @Nullable StreamPosition since, @Nullable HistoryPage page, @Nullable Throwable failure) {
        try {
            return CompletableFuture.completedFuture(end(client, cursor, lock, since, page, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The end of a recovery, under the stream's lock: with the page read, or the read's failure. */
    private byte[] end(ClientConnection client, StreamCursor cursor, Object lock, @Nullable StreamPosition since,
            @Nullable HistoryPage page, @Nullable Throwable failure) {
        synchronized (lock) {
            if (page != null) {
                return finish(client, cursor, page);
            }
            StreamPosition known = since != null ? since : cursor.firstHeld();
            if (known == null) {
                // No position to report: the query fails (with nothing held, there is nothing to deliver).
                cursor.release();
                throw unwrap(failure);
            }
            // The history cannot be read: an incomplete recovery, delivering nothing it cannot place.
            stats.recoveryReadFailed();
            return finish(client, cursor, HistoryPage.lost(known));
        }
    }

    /**
     * {@code executor}, or the thread completing the read once it refuses (its loop shut down, the gateway stops):
     * a recovery always ends, so its held messages are let go.
     */
    private static Executor orCaller(Executor executor) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    /** What the store threw, without the wrapping of the future it came through. */
    private static RuntimeException unwrap(@Nullable Throwable failure) {
        Throwable cause = failure == null ? null : FutureFailures.cause(failure);
        return cause instanceof RuntimeException e ? e
                : new HistoryUnavailableException("History read failed: " + cause, cause);
    }

    /**
     * Sends the history, then the held messages it does not cover; called holding the stream's lock. When the history
     * is incomplete nothing is sent, not even the held messages: the client is told the newest position known and
     * continues with the live messages after it.
     */
    private byte[] finish(ClientConnection client, StreamCursor cursor, HistoryPage page) {
        boolean recovered = page.complete();
        String epoch = page.position().epoch();
        long last = page.position().offset();
        List<StreamCursor.Held> held = cursor.release();
        for (StreamCursor.Held message : held) {
            if (!message.epoch().equals(epoch)) {
                // The stream lost its history while we read it: the client cannot place the new epoch's messages.
                recovered = false;
                epoch = message.epoch();
                last = 0;
            }
        }
        held.sort(Comparator.comparingLong(StreamCursor.Held::offset));
        int delivered = 0;
        if (recovered) {
            for (HistoryMessage message : page.messages()) {
                deliver(client, message.body());
                delivered++;
            }
        }
        for (StreamCursor.Held message : held) {
            if (message.epoch().equals(epoch) && message.offset() > last) {
                if (recovered) {
                    deliver(client, message.body());
                    delivered++;
                    // Senders in different processes can deliver a stream's messages out of offset order: a message
                    // after a hole is delivered, but the floor stays below the hole, so the missing one passes when it
                    // arrives live. Each live message arrives once, so nothing above the floor comes twice.
                    if (message.offset() == last + 1) {
                        last = message.offset();
                    }
                } else {
                    last = message.offset();
                }
            }
        }
        if (recovered) {
            stats.recoveryCompleted();
        } else {
            stats.recoveryIncomplete();
        }
        cursor.moveTo(epoch, last);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("recovered", recovered);
        reply.put("offset", last);
        reply.put("epoch", epoch);
        reply.put("delivered", delivered);
        return PhpSerializer.serialize(reply);
    }

    private void deliver(ClientConnection client, byte[] body) {
        ClientSink sink = client.sink();
        sink.send(sink.encoder().encode(alloc, body));
        stats.messagesSent(1);
    }

    private Object lock(String key) {
        return locks[(key.hashCode() & 0x7fffffff) % STRIPES];
    }

    private static HistoryStream stream(int cmd, JsonNode ext) {
        JsonNode group = ext.get("group");
        JsonNode uid = ext.get("uid");
        if ((group == null) == (uid == null)) {
            throw new InvalidCommandException(cmd, "needs exactly one of group and uid");
        }
        JsonNode id = group != null ? group : uid;
        if (!id.isString() || id.stringValue().isEmpty()) {
            throw new InvalidCommandException(cmd, (group != null ? "group" : "uid") + " is not a non-empty string");
        }
        return group != null ? HistoryStream.group(id.stringValue()) : HistoryStream.uid(id.stringValue());
    }

    private static long offset(int cmd, JsonNode offset) {
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
            throw new InvalidCommandException(cmd, "offset is not a non-negative integer");
        }
        return offset.longValue();
    }

    private static String epoch(int cmd, JsonNode epoch) {
        if (epoch == null || !epoch.isString() || epoch.stringValue().isEmpty()) {
            throw new InvalidCommandException(cmd, "epoch is not a non-empty string");
        }
        return epoch.stringValue();
    }
}
