package org.jgateway.protocol;

/**
 * Every command code of the GatewayWorker 4 binary protocol ({@code GatewayProtocol::CMD_*}), in one place.
 * <p>
 * Direction: "G→W" gateway to business worker, "→G" worker or client to gateway. Query commands are answered
 * on the same connection with a {@linkplain QueryReplyCodec length-prefixed PHP-serialized value}.
 */
public final class GatewayCommand {

    /** G→W: a client connected. */
    public static final int ON_CONNECT = 1;
    /** G→W: a client sent a message; body is the decoded message. */
    public static final int ON_MESSAGE = 3;
    /** G→W: a client closed; ext is its last session. */
    public static final int ON_CLOSE = 4;
    /** →G: send body to one connection. */
    public static final int SEND_TO_ONE = 5;
    /** →G: send body to all connections, or to a listed set, or to all but an excluded set. */
    public static final int SEND_TO_ALL = 6;
    /** →G: send body (the goodbye message, may be PHP null) then close. */
    public static final int KICK = 7;
    /** →G: close a connection immediately. */
    public static final int DESTROY = 8;
    /** →G: merge a partial PHP-serialized session into the stored one. */
    public static final int UPDATE_SESSION = 9;
    /** →G query: every connection's raw session string. */
    public static final int GET_ALL_CLIENT_SESSIONS = 10;
    /** →G query: 1 if the connection exists, else 0. */
    public static final int IS_ONLINE = 11;
    /** →G: bind the connection to the uid in ext (one uid per connection). */
    public static final int BIND_UID = 12;
    /** →G: unbind whatever uid the connection has. */
    public static final int UNBIND_UID = 13;
    /** →G: send body to every connection of the uids in ext (JSON list). */
    public static final int SEND_TO_UID = 14;
    /** →G query: list of connection ids bound to the uid in ext. */
    public static final int GET_CLIENT_ID_BY_UID = 15;
    /** →G query: map uid → connection ids for the uids in ext (JSON list). */
    public static final int BATCH_GET_CLIENT_ID_BY_UID = 16;
    /** →G: add the connection to the group in ext. */
    public static final int JOIN_GROUP = 20;
    /** →G: remove the connection from the group in ext. */
    public static final int LEAVE_GROUP = 21;
    /** →G: send body to members of groups, ext = JSON {"group":[..],"exclude":null|{cid:cid}}. */
    public static final int SEND_TO_GROUP = 22;
    /** →G query: map connection id → raw session of the group's members. */
    public static final int GET_CLIENT_SESSIONS_BY_GROUP = 23;
    /** →G query: member count of the group in ext, or of all connections when ext is empty. */
    public static final int GET_CLIENT_COUNT_BY_GROUP = 24;
    /** →G query: selected fields of connections matching a where clause (OR). */
    public static final int SELECT = 25;
    /** →G query: list of group ids. */
    public static final int GET_GROUP_ID_LIST = 26;
    /** →G: dissolve the group in ext. */
    public static final int UNGROUP = 27;
    /** →G query: map group → member count for the groups in ext (JSON list). */
    public static final int BATCH_GET_CLIENT_COUNT_BY_GROUP = 28;
    /** →G: a business worker authenticates; body JSON {"worker_key","secret_key"}. */
    public static final int WORKER_CONNECT = 200;
    /** G→W keep-alive, ignored by the worker. */
    public static final int PING = 201;
    /** →G: a client (query or command connection) authenticates; body JSON {"secret_key"}. */
    public static final int GATEWAY_CLIENT_CONNECT = 202;
    /** →G query: the raw session string, {@code a:0:{}} if empty, {@code N;} if the connection is unknown. */
    public static final int GET_SESSION_BY_CLIENT_ID = 203;
    /** →G: overwrite the session with ext ({@code ''} clears). */
    public static final int SET_SESSION = 204;
    /** G→W: WebSocket handshake done; body is PHP-serialized ['get','server','cookie']. */
    public static final int ON_WEBSOCKET_CONNECT = 205;

    /**
     * Extension (not in GatewayWorker): a worker announces it is leaving. The gateway stops routing clients to it and
     * answers with the same command on that connection once no further event will be written to it, so the worker
     * can finish what it received and close without losing events. A PHP gateway ignores unknown commands.
     */
    public static final int WORKER_LEAVING = 230;

    /**
     * Extension (not in GatewayWorker): delivery confirmation between our gateways and workers. A worker that asks
     * for it ({@code "acks":true} in its {@code CMD_WORKER_CONNECT} body, which PHP gateways ignore) gets this command
     * back from a gateway that supports it, and then periodically sends it with {@code connection_id} = the number of
     * events it has handled (mod 2^32). When the worker's connection drops, the gateway counts the events it sent that
     * were never confirmed: the events lost with a crashed worker are counted and logged instead of vanishing.
     */
    public static final int WORKER_ACK = 231;

    /**
     * Extension (not in GatewayWorker): a message of a stream that keeps history. Like {@link #SEND_TO_GROUP} or
     * {@link #SEND_TO_UID} for one group or uid, with the message's position, which the gateway needs to recover its
     * clients without a gap or a duplicate. ext JSON {@code {"group":"g"|"uid":"u","offset":N,"epoch":"E",
     * "exclude":null|{cid:cid}}}; body and flag as for the other sends. Only sent for streams with a history pattern.
     */
    public static final int SEND_TO_STREAM = 232;

    /**
     * Extension query (not in GatewayWorker): recover the connection for a stream: join the group (or bind the uid),
     * send it the messages it missed after a position, then the live ones, without a gap or a duplicate. ext JSON
     * {@code {"group":"g"|"uid":"u","offset":N,"epoch":"E"}} (offset and epoch absent: from the first message). The
     * reply is the PHP-serialized array {@code recovered, offset, epoch, delivered}, or {@code N;} when the connection
     * is not there.
     */
    public static final int RECOVER = 233;

    private static final String[] NAMES = new String[256];
    private static final boolean[] QUERIES = new boolean[256];

    static {
        name(ON_CONNECT, "ON_CONNECT");
        name(ON_MESSAGE, "ON_MESSAGE");
        name(ON_CLOSE, "ON_CLOSE");
        name(SEND_TO_ONE, "SEND_TO_ONE");
        name(SEND_TO_ALL, "SEND_TO_ALL");
        name(KICK, "KICK");
        name(DESTROY, "DESTROY");
        name(UPDATE_SESSION, "UPDATE_SESSION");
        name(GET_ALL_CLIENT_SESSIONS, "GET_ALL_CLIENT_SESSIONS");
        name(IS_ONLINE, "IS_ONLINE");
        name(BIND_UID, "BIND_UID");
        name(UNBIND_UID, "UNBIND_UID");
        name(SEND_TO_UID, "SEND_TO_UID");
        name(GET_CLIENT_ID_BY_UID, "GET_CLIENT_ID_BY_UID");
        name(BATCH_GET_CLIENT_ID_BY_UID, "BATCH_GET_CLIENT_ID_BY_UID");
        name(JOIN_GROUP, "JOIN_GROUP");
        name(LEAVE_GROUP, "LEAVE_GROUP");
        name(SEND_TO_GROUP, "SEND_TO_GROUP");
        name(GET_CLIENT_SESSIONS_BY_GROUP, "GET_CLIENT_SESSIONS_BY_GROUP");
        name(GET_CLIENT_COUNT_BY_GROUP, "GET_CLIENT_COUNT_BY_GROUP");
        name(SELECT, "SELECT");
        name(GET_GROUP_ID_LIST, "GET_GROUP_ID_LIST");
        name(UNGROUP, "UNGROUP");
        name(BATCH_GET_CLIENT_COUNT_BY_GROUP, "BATCH_GET_CLIENT_COUNT_BY_GROUP");
        name(WORKER_CONNECT, "WORKER_CONNECT");
        name(PING, "PING");
        name(GATEWAY_CLIENT_CONNECT, "GATEWAY_CLIENT_CONNECT");
        name(GET_SESSION_BY_CLIENT_ID, "GET_SESSION_BY_CLIENT_ID");
        name(SET_SESSION, "SET_SESSION");
        name(ON_WEBSOCKET_CONNECT, "ON_WEBSOCKET_CONNECT");
        name(WORKER_LEAVING, "WORKER_LEAVING");
        name(WORKER_ACK, "WORKER_ACK");
        name(SEND_TO_STREAM, "SEND_TO_STREAM");
        name(RECOVER, "RECOVER");
        for (int q : new int[] {GET_ALL_CLIENT_SESSIONS, IS_ONLINE, GET_CLIENT_ID_BY_UID, BATCH_GET_CLIENT_ID_BY_UID,
                GET_CLIENT_SESSIONS_BY_GROUP, GET_CLIENT_COUNT_BY_GROUP, SELECT, GET_GROUP_ID_LIST,
                BATCH_GET_CLIENT_COUNT_BY_GROUP, GET_SESSION_BY_CLIENT_ID, RECOVER}) {
            QUERIES[q] = true;
        }
    }

    private GatewayCommand() {
    }

    private static void name(int cmd, String name) {
        NAMES[cmd] = name;
    }

    /** The constant's name, or {@code UNKNOWN(n)}. */
    public static String nameOf(int cmd) {
        String name = cmd >= 0 && cmd < NAMES.length ? NAMES[cmd] : null;
        return name != null ? name : "UNKNOWN(" + cmd + ")";
    }

    /** Whether {@code cmd} is a defined command code. */
    public static boolean isKnown(int cmd) {
        return cmd >= 0 && cmd < NAMES.length && NAMES[cmd] != null;
    }

    /** Whether {@code cmd} is answered with a query reply on the same connection. */
    public static boolean isQuery(int cmd) {
        return cmd >= 0 && cmd < QUERIES.length && QUERIES[cmd];
    }
}
