package org.jgateway.client;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.StreamPosition;

/**
 * Sends to streams that keep history: appends the message to the {@link HistoryStore}, which assigns its position,
 * then sends it with that position to every gateway ({@code SEND_TO_STREAM}), so that gateways can recover clients
 * without a gap or a duplicate.
 */
final class StreamSender {

    private final CommandFanOut fanOut;
    private final ClusterBroker broker;
    private final HistoryStore store;
    private final MessageBodies messages;

    StreamSender(CommandFanOut fanOut, ClusterBroker broker, HistoryStore store, MessageBodies messages) {
        this.fanOut = fanOut;
        this.broker = broker;
        this.store = Objects.requireNonNull(store, "history");
        this.messages = messages;
    }

    HistoryStore store() {
        return store;
    }

    /** Whether any stream can keep history, so that sends without history skip the per-stream checks. */
    boolean enabled() {
        return store != HistoryStore.none();
    }

    boolean retains(HistoryStream stream) {
        return store.retains(stream);
    }

    /**
     * Sends {@code body} to each of {@code ids} that keeps history, one stream at a time (each gets its own position,
     * so a client in two such groups receives it once per group), and returns the ids left for the plain send
     * ({@link PlainPush}; raw sends are not passed here).
     */
    Set<String> sendKept(Set<String> ids, Function<String, HistoryStream> stream, byte[] body,
            Map<String, List<Long>> excludedByGateway) {
        if (!enabled()) {
            return ids;
        }
        Set<String> plain = ids;
        for (String id : ids) {
            HistoryStream candidate = stream.apply(id);
            if (retains(candidate)) {
                send(candidate, position -> body, excludedByGateway);
                if (plain == ids) {
                    plain = new LinkedHashSet<>(ids);
                }
                plain.remove(id);
            }
        }
        return plain;
    }

    /**
     * Appends and sends.
     *
     * @param excludedByGateway connection ids not to send to, per gateway address
     * @throws IllegalArgumentException when the stream keeps no history, or the message cannot be written
     * @throws GatewayException         when the history store failed (the message was neither kept nor sent) or no
     *                                  gateway could take the message; counted in {@code pushesFailed}
     */
    StreamPosition send(HistoryStream stream, PositionedMessage message, Map<String, List<Long>> excludedByGateway) {
        Objects.requireNonNull(message, "message");
        String what = "send to " + stream;
        try {
            return store.append(stream, position -> messages.toBytes(message.message(position)),
                    (position, body) -> fanOut.send(what, owners(stream, fanOut.known(what)), excludedByGateway,
                            exclude -> CommandFrames.sendToStream(stream, position, exclude, body)));
        } catch (HistoryUnavailableException e) {
            throw fanOut.notKept(what, e);
        }
    }

    /** The gateways with clients of the stream, as the cluster engine knows them. */
    private Collection<String> owners(HistoryStream stream, Collection<String> known) {
        List<String> id = List.of(stream.id());
        return stream.kind() == HistoryStream.Kind.GROUP ? broker.groupOwners(id, known) : broker.uidOwners(id, known);
    }
}
