package org.jgateway.gateway;

import static org.jgateway.protocol.GatewayCommand.BIND_UID;
import static org.jgateway.protocol.GatewayCommand.DESTROY;
import static org.jgateway.protocol.GatewayCommand.JOIN_GROUP;
import static org.jgateway.protocol.GatewayCommand.KICK;
import static org.jgateway.protocol.GatewayCommand.LEAVE_GROUP;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ALL;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_GROUP;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_ONE;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_STREAM;
import static org.jgateway.protocol.GatewayCommand.SEND_TO_UID;
import static org.jgateway.protocol.GatewayCommand.SET_SESSION;
import static org.jgateway.protocol.GatewayCommand.UNBIND_UID;
import static org.jgateway.protocol.GatewayCommand.UNGROUP;
import static org.jgateway.protocol.GatewayCommand.UPDATE_SESSION;

import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jgateway.history.HistoryStore;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpSerializationException;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.transport.FutureFailures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the commands and answers the queries that business workers and GatewayClients send to the gateway's inner
 * port (GatewayWorker's {@code Gateway::onWorkerMessage} minus authentication), against a {@link ClientRegistry}.
 * Thread-safe: frames from different worker connections may be handled concurrently.
 * <p>
 * Differences from PHP, all on purpose: {@code "0"} is a valid uid and group (PHP's {@code empty()} drops it); a
 * client in several groups of one {@code SEND_TO_GROUP} receives the message once; a malformed command is rejected as
 * a whole with {@link InvalidCommandException} instead of being half-applied with warnings.
 */
public final class GatewayCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayCommandHandler.class);

    private static final byte[] MALFORMED_QUERY_REPLY = "a:0:{}".getBytes(StandardCharsets.US_ASCII);

    private final ClientRegistry registry;
    private final GatewayCommandStats stats = new GatewayCommandStats();
    private final ClientMessenger messenger;
    private final GatewayQueries queries;
    private final StreamDelivery streams;
    /** The listener's counters of commands and queries from its inner port and in-JVM workers. */
    private final GatewayStats listenerStats;

    /** A handler whose client messages are encoded with {@link ByteBufAllocator#DEFAULT}. */
    public GatewayCommandHandler(ClientRegistry registry) {
        this(registry, ByteBufAllocator.DEFAULT);
    }

    public GatewayCommandHandler(ClientRegistry registry, ByteBufAllocator alloc) {
        this(registry, alloc, HistoryStore.none());
    }

    /** A handler that recovers clients from {@code history} (see {@link GatewayCommand#RECOVER}). */
    public GatewayCommandHandler(ClientRegistry registry, ByteBufAllocator alloc, HistoryStore history) {
        this(registry, alloc, new GatewayStats(), history);
    }

    GatewayCommandHandler(ClientRegistry registry, ByteBufAllocator alloc, GatewayStats listenerStats,
            HistoryStore history) {
        this.listenerStats = listenerStats;
        this.registry = Objects.requireNonNull(registry);
        this.messenger = new ClientMessenger(registry, Objects.requireNonNull(alloc), stats);
        this.queries = new GatewayQueries(registry);
        this.streams = new StreamDelivery(registry, alloc, stats, Objects.requireNonNull(history, "history"));
    }

    public ClientRegistry registry() {
        return registry;
    }

    public GatewayCommandStats stats() {
        return stats;
    }

    /**
     * The reply payload for a query that was rejected with {@link InvalidCommandException}: {@code a:0:{}}, what PHP's
     * gateway answers to a malformed query. Replying keeps the asking client from waiting for its timeout.
     */
    public static byte[] malformedQueryReply() {
        return MALFORMED_QUERY_REPLY.clone();
    }

    /**
     * Executes a fire-and-forget command (5–9, 12–14, 20–22, 27, 204, and our {@code SEND_TO_STREAM}). Commands for a connection id that is not
     * connected do nothing, as in PHP.
     *
     * @throws InvalidCommandException for an unknown code, a query code, malformed ext or body, or an empty uid or
     *                                 group; nothing was applied
     */
    public void execute(GatewayFrame frame) {
        try {
            dispatch(frame);
        } catch (InvalidCommandException e) {
            stats.invalidCommand();
            throw e;
        }
        stats.commandExecuted();
    }

    /** Executes a worker's or API client's command; a bad one is logged and counted, like GatewayWorker does. */
    void executeFrom(GatewayFrame frame, Object source) {
        try {
            execute(frame);
            listenerStats.workerCommands.increment();
        } catch (RuntimeException e) {
            listenerStats.invalidCommands.increment();
            log.warn("gateway inner pack err cmd={} from {}: {}", frame.cmd(), source, e.toString());
        }
    }

    /**
     * Answers a query; a malformed one gets PHP's answer {@code a:0:{}} so the asker's replies stay in step. The future
     * is complete on return except for a {@code RECOVER} whose history is still being read: that one completes on
     * {@code finishOn} (null: on the recovering client's event loop) and never fails.
     */
    CompletableFuture<byte[]> answerFrom(GatewayFrame frame, Object source, @Nullable Executor finishOn) {
        listenerStats.queries.increment();
        CompletableFuture<byte[]> reply;
        try {
            reply = frame.cmd() == GatewayCommand.RECOVER ? streams.recover(frame, finishOn)
                    : CompletableFuture.completedFuture(queries.reply(frame));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refused(frame, source, e));
        }
        return reply.handle((payload, failure) -> {
            if (failure != null) {
                return refused(frame, source, FutureFailures.cause(failure));
            }
            stats.queryAnswered();
            return payload;
        });
    }

    private byte[] refused(GatewayFrame frame, Object source, Throwable failure) {
        if (failure instanceof InvalidCommandException) {
            stats.invalidCommand();
        }
        listenerStats.invalidCommands.increment();
        log.warn("Malformed query {} from {}: {}", GatewayCommand.nameOf(frame.cmd()), source, failure.toString());
        return malformedQueryReply();
    }

    /**
     * Answers a query (10, 11, 15, 16, 23–26, 28, 203, and our {@code RECOVER}): the reply payload, PHP-serialized, without the 4-byte length
     * ({@link org.jgateway.protocol.QueryReplyCodec} adds it). Byte-for-byte what PHP's gateway sends for the same
     * state, except for the order of entries, which follows this registry's iteration order. A {@code RECOVER} waits
     * here for the history store's read; the gateway's own connections are answered without waiting.
     *
     * @throws InvalidCommandException for a code that is not a query or malformed ext; reply with
     *                                 {@link #malformedQueryReply()}
     */
    public byte[] query(GatewayFrame frame) {
        byte[] reply;
        try {
            reply = frame.cmd() == GatewayCommand.RECOVER ? recovered(frame) : queries.reply(frame);
        } catch (InvalidCommandException e) {
            stats.invalidCommand();
            throw e;
        }
        stats.queryAnswered();
        return reply;
    }

    /**
     * Answers a query with the value a PHP client obtains by unserializing the {@link #query} reply, so an in-JVM
     * worker can skip serialization: {@link Long} counts and connection ids, {@code byte[]} session strings inside
     * maps, {@link java.util.Map}/{@link java.util.List} arrays; for {@code GET_SESSION_BY_CLIENT_ID} the decoded
     * session (an empty map when none, null when the client is not connected). Waits for the store like
     * {@link #query}.
     *
     * @throws InvalidCommandException like {@link #query}
     */
    public @Nullable Object queryValue(GatewayFrame frame) {
        Object value;
        try {
            value = frame.cmd() == GatewayCommand.RECOVER ? PhpUnserializer.unserialize(recovered(frame))
                    : queries.value(frame);
        } catch (InvalidCommandException e) {
            stats.invalidCommand();
            throw e;
        }
        stats.queryAnswered();
        return value;
    }

    /** A recovery's reply once its history was read, ending on the calling thread; the store's failure as thrown. */
    private byte[] recovered(GatewayFrame frame) {
        try {
            return streams.recover(frame, Runnable::run).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void dispatch(GatewayFrame frame) {
        int cmd = frame.cmd();
        switch (cmd) {
            case SEND_TO_ONE -> messenger.sendToOne(frame);
            case SEND_TO_ALL -> messenger.sendToAll(frame);
            case KICK -> messenger.kick(frame);
            case DESTROY -> messenger.destroy(frame);
            case SEND_TO_UID -> messenger.sendToUid(frame);
            case SEND_TO_GROUP -> messenger.sendToGroup(frame);
            case SEND_TO_STREAM -> streams.send(frame);
            case UPDATE_SESSION -> updateSession(frame);
            case SET_SESSION -> {
                ClientConnection client = registry.get(frame.connectionId());
                if (client != null) {
                    registry.setSession(client, frame.ext());
                }
            }
            case BIND_UID -> {
                String uid = requireId(frame, "uid");
                ClientConnection client = registry.get(frame.connectionId());
                if (client != null) {
                    registry.bindUid(client, uid);
                } else {
                    registry.absent(frame.connectionId());
                }
            }
            case UNBIND_UID -> {
                // The uid in ext is ignored, as in PHP: whatever uid the client has is removed.
                ClientConnection client = registry.get(frame.connectionId());
                if (client != null) {
                    registry.unbindUid(client);
                } else {
                    registry.absent(frame.connectionId());
                }
            }
            case JOIN_GROUP -> {
                String group = requireId(frame, "group");
                ClientConnection client = registry.get(frame.connectionId());
                if (client != null) {
                    registry.joinGroup(client, group);
                } else {
                    registry.absent(frame.connectionId());
                }
            }
            case LEAVE_GROUP -> {
                String group = requireId(frame, "group");
                ClientConnection client = registry.get(frame.connectionId());
                if (client != null) {
                    registry.leaveGroup(client, group);
                } else {
                    registry.absent(frame.connectionId());
                }
            }
            case UNGROUP -> registry.ungroup(requireId(frame, "group"));
            default -> {
                if (GatewayCommand.isQuery(cmd)) {
                    throw new InvalidCommandException(cmd, "is a query and has a reply; use query()");
                }
                throw InvalidCommandException.unknown(cmd);
            }
        }
    }

    private void updateSession(GatewayFrame frame) {
        ClientConnection client = registry.get(frame.connectionId());
        if (client == null) {
            return;
        }
        try {
            registry.updateSession(client, frame.ext());
        } catch (PhpSerializationException e) {
            throw new InvalidCommandException(frame.cmd(), "cannot merge session: " + e.getMessage(), e);
        }
    }

    /** A uid or group from ext_data; the API never sends an empty one, and PHP ignores it with a warning. */
    private static String requireId(GatewayFrame frame, String what) {
        if (frame.ext().length == 0) {
            throw new InvalidCommandException(frame.cmd(), "empty " + what);
        }
        return frame.extAsString();
    }
}
