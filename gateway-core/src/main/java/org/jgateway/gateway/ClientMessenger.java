package org.jgateway.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashSet;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpSerializationException;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.protocol.php.PhpValues;
import tools.jackson.databind.JsonNode;

/**
 * The commands that write to clients: send to one, to all (or a listed set, or all but an excluded set), to uids,
 * to groups, and kick. Every input is parsed and validated before the first byte is encoded, so a malformed command
 * sends nothing and allocates nothing.
 */
final class ClientMessenger {

    private final ClientRegistry registry;
    private final ByteBufAllocator alloc;
    private final GatewayCommandStats stats;

    ClientMessenger(ClientRegistry registry, ByteBufAllocator alloc, GatewayCommandStats stats) {
        this.registry = registry;
        this.alloc = alloc;
        this.stats = stats;
    }

    /** {@code CMD_SEND_TO_ONE}: the body to the frame's connection, if it is connected. */
    void sendToOne(GatewayFrame frame) {
        byte[] message = message(frame);
        ClientConnection client = registry.get(frame.connectionId());
        if (client == null || message == null) {
            return;
        }
        ClientSink sink = client.sink();
        sink.send(frame.raw() ? Unpooled.wrappedBuffer(message) : sink.encoder().encode(alloc, message));
        stats.messagesSent(1);
    }

    /**
     * {@code CMD_SEND_TO_ALL}: ext {@code ''} → every client; {@code {"connections":{..}}} → the listed connection
     * ids (the values); otherwise {@code {"exclude":{..}}} → every client whose id is not a key of the exclusion.
     */
    void sendToAll(GatewayFrame frame) {
        int cmd = frame.cmd();
        int[] listed = null;
        int[] excluded = null;
        if (frame.ext().length > 0) {
            JsonNode ext = CommandJson.parseObject(cmd, frame.ext());
            JsonNode connections = ext.get("connections");
            if (connections != null && !connections.isNull()) {
                listed = CommandJson.connectionIds(cmd, connections, false, "connections");
            } else {
                excluded = CommandJson.connectionIds(cmd, ext.get("exclude"), true, "exclude");
            }
        }
        byte[] message = message(frame);
        if (message == null) {
            return;
        }
        Broadcast broadcast = new Broadcast(alloc, message, frame.raw(), excluded);
        try (broadcast) {
            if (listed != null) {
                for (int id : listed) {
                    ClientConnection client = registry.get(id);
                    if (client != null) {
                        broadcast.visit(client);
                    }
                }
            } else {
                registry.forEachClient(broadcast);
            }
        } finally {
            stats.messagesSent(broadcast.sent());
        }
    }

    /** {@code CMD_SEND_TO_UID}: ext is a JSON list of uids; the body goes to every connection of each. */
    void sendToUid(GatewayFrame frame) {
        int cmd = frame.cmd();
        String[] uids = distinct(CommandJson.keys(cmd, CommandJson.parse(cmd, frame.ext()), "uid list"));
        byte[] message = message(frame);
        if (message == null || uids.length == 0) {
            return;
        }
        Broadcast broadcast = new Broadcast(alloc, message, frame.raw(), null);
        try (broadcast) {
            // A client has one uid, so distinct uids never reach a client twice.
            for (String uid : uids) {
                registry.forEachUidConnection(uid, broadcast);
            }
        } finally {
            stats.messagesSent(broadcast.sent());
        }
    }

    /**
     * {@code CMD_SEND_TO_GROUP}: ext {@code {"group":[..],"exclude":null|{cid:cid}}}. Unlike PHP, a client in several
     * listed groups receives the message once.
     */
    void sendToGroup(GatewayFrame frame) {
        int cmd = frame.cmd();
        JsonNode ext = CommandJson.parseObject(cmd, frame.ext());
        String[] groups = distinct(CommandJson.keys(cmd, ext.get("group"), "group"));
        int[] excluded = CommandJson.connectionIds(cmd, ext.get("exclude"), true, "exclude");
        byte[] message = message(frame);
        if (message == null || groups.length == 0) {
            return;
        }
        Broadcast broadcast = new Broadcast(alloc, message, frame.raw(), excluded);
        try (broadcast) {
            if (groups.length == 1) {
                registry.forEachGroupMember(groups[0], broadcast);
            } else {
                int expected = 0;
                for (int i = 0; i < groups.length - 1; i++) {
                    expected += registry.groupSize(groups[i]);
                }
                DistinctMembers distinct = new DistinctMembers(broadcast, expected);
                for (int i = 0; i < groups.length; i++) {
                    distinct.group(i, groups.length);
                    registry.forEachGroupMember(groups[i], distinct);
                }
            }
        } finally {
            stats.messagesSent(broadcast.sent());
        }
    }

    /**
     * {@code CMD_KICK}: the body (a goodbye; PHP {@code null} for none) through the client's protocol, then close once
     * flushed. The raw flag does not apply: PHP's {@code close($data)} always encodes. The client leaves the registry
     * (queries, uid, groups) at once, while its connection closes on its own event loop: a query after the command
     * no longer sees it. Its ON_CLOSE still goes to the worker once, when the connection has closed.
     */
    void kick(GatewayFrame frame) {
        byte[] goodbye = message(frame);
        ClientConnection client = registry.get(frame.connectionId());
        if (client == null) {
            return;
        }
        ClientSink sink = client.sink();
        ByteBuf encoded = goodbye == null ? null : sink.encoder().encode(alloc, goodbye);
        sink.close(encoded);
        registry.remove(client);
        if (encoded != null) {
            stats.messagesSent(1);
        }
    }

    /** {@code CMD_DESTROY}: close at once; like {@link #kick}, the client leaves the registry before this returns. */
    void destroy(GatewayFrame frame) {
        ClientConnection client = registry.get(frame.connectionId());
        if (client != null) {
            client.sink().destroy();
            registry.remove(client);
        }
    }

    /**
     * The message bytes a frame's body stands for: the bytes as they are when the scalar flag is set, else the
     * PHP-unserialized value as PHP would send it ({@link PhpValues#toMessage}); null for PHP {@code null}.
     */
    static byte[] message(GatewayFrame frame) {
        if (frame.bodyIsScalar()) {
            return frame.body();
        }
        try {
            return PhpValues.toClientBytes(PhpUnserializer.unserialize(frame.body()));
        } catch (PhpSerializationException e) {
            throw new InvalidCommandException(frame.cmd(), "body is not PHP-serialized: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException(frame.cmd(), "body cannot be sent: " + e.getMessage(), e);
        }
    }

    private static String[] distinct(String[] keys) {
        if (keys.length < 2) {
            return keys;
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>(keys.length * 2);
        for (String key : keys) {
            unique.add(key);
        }
        return unique.size() == keys.length ? keys : unique.toArray(new String[0]);
    }
}
