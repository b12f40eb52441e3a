package org.jgateway.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.Membership;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link GatewayApi} over any {@link GatewayTransport}: inside a business worker over the worker's gateway
 * connections, elsewhere over a {@link GatewayConnectionPool} (see {@link GatewayClient}). Frames are exactly those of
 * GatewayWorker 4's {@code Lib\Gateway}, so PHP gateways accept them.
 * <p>
 * Commands to one client go to the gateway named in its client_id; broadcasts go to the gateways the options'
 * {@link ClusterBroker} chooses among those the transport knows (none known: nothing is sent): with the default
 * register engine every one of them, as GatewayWorker does. Membership commands are recorded with the broker before
 * they are sent. Differences from GatewayWorker, all deliberate: {@code "0"} is a valid group
 * and uid; an empty collection of uids or groups sends nothing; a group listed twice is sent once; a list query needing
 * every gateway fails with {@link GatewayQueryException} rather than undercounting.
 * <p>
 * Thread-safe. Query futures complete on the transport's threads (for {@link GatewayConnectionPool}, a Netty event
 * loop): do not block in their callbacks.
 */
public class TransportGatewayApi implements GatewayApi {

    private final GatewayTransport transport;
    private final GatewayApiOptions options;
    private final MessageBodies messages;
    private final ClusterBroker broker;
    private final CommandFanOut fanOut;
    private final StreamSender streams;
    private final TransportAsyncGatewayApi async;

    /** An API over {@code transport} with {@link GatewayApiOptions#defaults()}. */
    public TransportGatewayApi(GatewayTransport transport) {
        this(transport, GatewayApiOptions.defaults());
    }

    /** An API over {@code transport} with {@code options}. */
    public TransportGatewayApi(GatewayTransport transport, GatewayApiOptions options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        this.messages = new MessageBodies(options.jsonMapper());
        this.broker = options.broker();
        this.fanOut = new CommandFanOut(transport);
        this.streams = new StreamSender(fanOut, broker, options.history(), messages);
        this.async = new TransportAsyncGatewayApi(new QueryFanOut(transport, options.queryTimeout()), fanOut, messages,
                broker, streams);
    }

    /** The transport this API sends through. */
    public GatewayTransport transport() {
        return transport;
    }

    /**
     * Pushes ({@code sendToAll}, {@code sendToUid}, {@code sendToGroup} and history sends) that failed with a
     * {@link GatewayException} because no gateway could take them.
     */
    public long pushesFailed() {
        return fanOut.failed();
    }

    /** The options this API was built with. */
    public GatewayApiOptions options() {
        return options;
    }

    @Override
    public AsyncGatewayApi async() {
        return async;
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    @Override
    public void sendToAll(Object message, @Nullable Collection<String> clientIds,
            @Nullable Collection<String> excludeClientIds, boolean raw) {
        byte[] body = messages.toBytes(message);
        Set<ClientId> excluded = ApiArguments.clientIds(excludeClientIds);
        if (clientIds != null) {
            Set<ClientId> targets = ApiArguments.clientIds(clientIds);
            targets.removeAll(excluded);
            Map<String, GatewayFrame> frames = new LinkedHashMap<>();
            connectionsByGateway(targets).forEach((gateway, connections) ->
                    frames.put(gateway, CommandFrames.sendToConnections(connections, body, raw)));
            fanOut.sendEach("sendToAll", frames);
            return;
        }
        fanOut.send("sendToAll", broker.clientOwners(fanOut.known("sendToAll")), connectionsByGateway(excluded),
                exclude -> CommandFrames.sendToAllExcept(exclude, body, raw));
    }

    @Override
    public boolean sendToClient(String clientId, Object message, boolean raw) {
        ClientId client = ApiArguments.clientId(clientId);
        return transport.send(client.gatewayAddress(), CommandFrames.sendToOne(client, messages.toBytes(message), raw));
    }

    @Override
    public boolean closeClient(String clientId, @Nullable Object goodbye) {
        ClientId client = ApiArguments.clientId(clientId);
        byte[] body = goodbye == null ? null : messages.toBytes(goodbye);
        return transport.send(client.gatewayAddress(), CommandFrames.kick(client, body));
    }

    @Override
    public boolean destroyClient(String clientId) {
        ClientId client = ApiArguments.clientId(clientId);
        return transport.send(client.gatewayAddress(), CommandFrames.forClient(GatewayCommand.DESTROY, client, ""));
    }

    // ---- uids -------------------------------------------------------------------------------------------------

    @Override
    public void bindUid(String clientId, String uid) {
        String id = ApiArguments.id("uid", uid);
        ClientId client = ApiArguments.clientId(clientId);
        sendMembership(Membership.bindUid(client, id), CommandFrames.forClient(GatewayCommand.BIND_UID, client, id));
    }

    @Override
    public void unbindUid(String clientId, @Nullable String uid) {
        ClientId client = ApiArguments.clientId(clientId);
        // The gateway ignores the uid; PHP sends it anyway, and so do we (null as '').
        String ext = uid == null ? "" : uid;
        sendMembership(Membership.unbindUid(client, ext), CommandFrames.forClient(GatewayCommand.UNBIND_UID, client, ext));
    }

    @Override
    public void sendToUid(Collection<String> uids, Object message, boolean raw) {
        PlainPush push = PlainPush.toUids(uids, message, raw, messages, streams);
        if (push.ids().isEmpty()) {
            return;
        }
        fanOut.sendToEach("sendToUid", broker.uidOwners(push.ids(), fanOut.known("sendToUid")),
                CommandFrames.sendToUid(push.ids(), push.body(), raw));
    }

    // ---- groups -----------------------------------------------------------------------------------------------

    @Override
    public void joinGroup(String clientId, String group) {
        String id = ApiArguments.id("group", group);
        ClientId client = ApiArguments.clientId(clientId);
        sendMembership(Membership.joinGroup(client, id), CommandFrames.forClient(GatewayCommand.JOIN_GROUP, client, id));
    }

    @Override
    public void leaveGroup(String clientId, String group) {
        String id = ApiArguments.id("group", group);
        ClientId client = ApiArguments.clientId(clientId);
        sendMembership(Membership.leaveGroup(client, id), CommandFrames.forClient(GatewayCommand.LEAVE_GROUP, client, id));
    }

    @Override
    public void ungroup(String group) {
        String id = ApiArguments.id("group", group);
        GatewayFrame frame = CommandFrames.ungroup(id);
        // The owners are looked up before the group is dissolved in the broker's record.
        Collection<String> owners = broker.groupOwners(List.of(id), transport.gatewayAddresses());
        broker.membershipChanging(Membership.ungroup(id));
        for (String gateway : owners) {
            transport.send(gateway, frame);
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * The groups travel in one frame per gateway; a JGateway gateway sends once per client, a PHP gateway sends once
     * per listed group the client is in (GatewayWorker's behaviour, not fixable from this side without a query).
     */
    @Override
    public void sendToGroup(Collection<String> groups, Object message, @Nullable Collection<String> excludeClientIds,
            boolean raw) {
        PlainPush push = PlainPush.toGroups(groups, message, excludeClientIds, raw, messages, streams);
        if (push.ids().isEmpty()) {
            return;
        }
        fanOut.send("sendToGroup", broker.groupOwners(push.ids(), fanOut.known("sendToGroup")),
                push.excludedByGateway(), exclude -> CommandFrames.sendToGroup(push.ids(), exclude, push.body(), raw));
    }

    // ---- sessions ---------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     * <p>
     * A null session clears it (ext {@code ''}, as GatewayWorker's auto-sync does for a null {@code $_SESSION});
     * the current client's map then becomes empty.
     */
    @Override
    public void setSession(String clientId, @Nullable Map<String, Object> session) {
        ClientId client = ApiArguments.clientId(clientId);
        byte[] ext = session == null ? new byte[0] : PhpSerializer.serialize(session);
        ClientContext context = contextOf(clientId);
        if (context != null) {
            context.sessionReplaced(session == null ? new LinkedHashMap<>() : new LinkedHashMap<>(session));
        }
        transport.send(client.gatewayAddress(), CommandFrames.forClient(GatewayCommand.SET_SESSION, client, ext));
    }

    @Override
    public void updateSession(String clientId, Map<String, Object> session) {
        ClientId client = ApiArguments.clientId(clientId);
        if (session == null) {
            throw new IllegalArgumentException("session must not be null (use setSession to clear it)");
        }
        byte[] ext = PhpSerializer.serialize(session);
        ClientContext context = contextOf(clientId);
        if (context != null) {
            context.sessionMerged(new LinkedHashMap<>(session));
        }
        transport.send(client.gatewayAddress(), CommandFrames.forClient(GatewayCommand.UPDATE_SESSION, client, ext));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Records the change with the broker first, so a push sent after this returns is routed to the client. */
    private void sendMembership(Membership change, GatewayFrame frame) {
        broker.membershipChanging(change);
        if (!transport.send(change.client().gatewayAddress(), frame)) {
            broker.membershipNotSent(change);
        }
    }

    /** The context when {@code clientId} is the client whose callback runs on this thread, else null. */
    private static @Nullable ClientContext contextOf(String clientId) {
        ClientContext context = ClientContext.current();
        return context != null && clientId.equals(context.clientId()) ? context : null;
    }

    /** Connection ids per owning gateway address, in first-seen order. */
    static Map<String, List<Long>> connectionsByGateway(Collection<ClientId> clients) {
        Map<String, List<Long>> byGateway = new LinkedHashMap<>();
        for (ClientId client : clients) {
            byGateway.computeIfAbsent(client.gatewayAddress(), g -> new ArrayList<>()).add(client.connectionIdUnsigned());
        }
        return byGateway;
    }

    @Override
    public String toString() {
        return "TransportGatewayApi{" + transport + ", " + options + '}';
    }
}
