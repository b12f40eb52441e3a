package org.jgateway.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;
import org.jgateway.register.HostAndPort;

/**
 * PHP's {@code GatewayClient\Gateway} on the wire, call for call: every call opens a fresh connection to the gateway's
 * inner port, writes {@code CMD_GATEWAY_CLIENT_CONNECT} and its frame in one write, and closes it right after a
 * command, or after the reply of a query. The frames are those PHP builds for each method.
 */
final class PhpGatewayClient {

    private final byte[] auth;

    PhpGatewayClient(String secretKey) {
        this.auth = RawSocket.frame(GatewayFrame.scalarCommand(GatewayCommand.GATEWAY_CLIENT_CONNECT, 0, new byte[0],
                ("{\"secret_key\":\"" + secretKey + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    // ---- commands ----

    void bindUid(String clientId, String uid) {
        command(clientId, forClient(GatewayCommand.BIND_UID, clientId, uid));
    }

    void unbindUid(String clientId, String uid) {
        command(clientId, forClient(GatewayCommand.UNBIND_UID, clientId, uid));
    }

    void joinGroup(String clientId, String group) {
        command(clientId, forClient(GatewayCommand.JOIN_GROUP, clientId, group));
    }

    void leaveGroup(String clientId, String group) {
        command(clientId, forClient(GatewayCommand.LEAVE_GROUP, clientId, group));
    }

    /** Sent to the gateway of {@code anyClientId} (PHP sends it to every gateway; the tests have one). */
    void ungroup(String anyClientId, String group) {
        command(anyClientId, GatewayFrame.scalarCommand(GatewayCommand.UNGROUP, 0, utf8(group), new byte[0]));
    }

    void setSession(String clientId, Map<String, Object> session) {
        command(clientId, forClient(GatewayCommand.SET_SESSION, clientId, PhpSerializer.serialize(session)));
    }

    void updateSession(String clientId, Map<String, Object> session) {
        command(clientId, forClient(GatewayCommand.UPDATE_SESSION, clientId, PhpSerializer.serialize(session)));
    }

    /** {@code closeClient($client_id)}: PHP serializes the absent message as {@code N;}. */
    void closeClient(String clientId) {
        ClientId id = ClientId.parse(clientId);
        command(clientId, GatewayFrame.command(GatewayCommand.KICK, id.connectionId(), 0, new byte[0],
                PhpSerializer.serialize(null)));
    }

    void destroyClient(String clientId) {
        command(clientId, GatewayFrame.command(GatewayCommand.DESTROY, ClientId.parse(clientId).connectionId(),
                GatewayFlags.BODY_IS_SCALAR, new byte[0], new byte[0]));
    }

    // ---- queries (the reply unserialized) ----

    boolean isOnline(String clientId) {
        return ((Number) query(clientId, GatewayFrame.command(GatewayCommand.IS_ONLINE,
                ClientId.parse(clientId).connectionId(), 0, new byte[0], new byte[0]))).longValue() != 0;
    }

    /** PHP's {@code getClientIdByUid} and {@code isUidOnline} (non-empty): the connection ids of the uid. */
    Set<Long> getClientIdByUid(String gatewayOf, String uid) {
        Set<Long> ids = new TreeSet<>();
        for (Object id : values(query(gatewayOf, GatewayFrame.command(GatewayCommand.GET_CLIENT_ID_BY_UID, 0, 0,
                utf8(uid), new byte[0])))) {
            ids.add((Long) id);
        }
        return ids;
    }

    /** {@code getClientIdCountByGroup}; the group {@code ""} is {@code getAllClientIdCount}. */
    long getClientIdCountByGroup(String gatewayOf, String group) {
        return ((Number) query(gatewayOf, GatewayFrame.command(GatewayCommand.GET_CLIENT_COUNT_BY_GROUP, 0, 0,
                utf8(group), new byte[0]))).longValue();
    }

    /** {@code getClientIdListByGroup}: PHP selects the uid field of the group's members; the keys are their ids. */
    Set<Long> getClientIdListByGroup(String gatewayOf, String group) {
        Object rows = query(gatewayOf, GatewayFrame.command(GatewayCommand.SELECT, 0, 0,
                utf8("{\"fields\":[\"uid\"],\"where\":{\"groups\":[\"" + group + "\"]}}"), new byte[0]));
        Set<Long> ids = new TreeSet<>();
        for (Object id : ((Map<?, ?>) rows).keySet()) {
            ids.add((Long) id);
        }
        return ids;
    }

    Set<String> getAllGroupIdList(String gatewayOf) {
        Set<String> groups = new TreeSet<>();
        for (Object group : values(query(gatewayOf, GatewayFrame.command(GatewayCommand.GET_GROUP_ID_LIST, 0, 0,
                new byte[0], new byte[0])))) {
            groups.add(String.valueOf(group));
        }
        return groups;
    }

    /** The session as unserialized (an empty map when none), null when the client is not connected. */
    Object getSession(String clientId) {
        return query(clientId, GatewayFrame.command(GatewayCommand.GET_SESSION_BY_CLIENT_ID,
                ClientId.parse(clientId).connectionId(), 0, new byte[0], new byte[0]));
    }

    /** The values of a PHP array, which arrives as a list or (keys not 0..n-1, or empty) as a map. */
    private static Collection<?> values(Object array) {
        return array instanceof Map<?, ?> map ? map.values() : (List<?>) array;
    }

    // ---- one call, one connection ----

    private void command(String clientId, GatewayFrame frame) {
        try (RawSocket socket = connect(clientId)) {
            socket.write(withAuth(frame));
        }
    }

    private Object query(String clientId, GatewayFrame frame) {
        try (RawSocket socket = connect(clientId)) {
            socket.write(withAuth(frame));
            return PhpUnserializer.unserialize(socket.readQueryReply().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static RawSocket connect(String clientId) {
        HostAndPort gateway = HostAndPort.parse(ClientId.parse(clientId).gatewayAddress(), "gateway");
        return new RawSocket(gateway.host(), gateway.port());
    }

    private byte[] withAuth(GatewayFrame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(auth);
        out.writeBytes(RawSocket.frame(frame));
        return out.toByteArray();
    }

    private static GatewayFrame forClient(int cmd, String clientId, String ext) {
        return forClient(cmd, clientId, utf8(ext));
    }

    /** PHP's {@code GatewayProtocol::$empty} with the body {@code ''}, a scalar. */
    private static GatewayFrame forClient(int cmd, String clientId, byte[] ext) {
        return GatewayFrame.scalarCommand(cmd, ClientId.parse(clientId).connectionId(), ext, new byte[0]);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The connection id PHP's replies carry for {@code clientId}. */
    static long connectionId(String clientId) {
        return ClientId.parse(clientId).connectionIdUnsigned();
    }
}
