package org.jgateway.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.SlowConsumerPolicy;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.gateway.listener.MessageRatePolicy;
import org.jgateway.gateway.listener.WebSocketFrameType;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.redis.RedisKeys;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.ProtectedMode;
import org.jgateway.register.RegisterOptions;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.transport.NettyTransport;
import org.jgateway.worker.DeliveryGuarantee;
import org.jgateway.worker.WorkerOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the JGateway roles run by this process, named after GatewayWorker's {@code Gateway},
 * {@code BusinessWorker} and {@code Register} properties. Durations given as bare numbers are seconds, as in
 * GatewayWorker ({@code gateway.ping-interval=55}), except {@code gateway.half-close-linger}, whose bare numbers are
 * milliseconds; write {@code 500ms} for less than a second.
 */
@ConfigurationProperties("gateway")
public class GatewayProperties {

    /**
     * Roles of this process: "register", "gateway", "worker", any comma-separated combination, or "all". Empty runs
     * no role: the application only pushes through GatewayTemplate, like PHP's GatewayClient. GatewayWorker
     * deployments use "all" on one box, "register,gateway" on master machines and "worker" on worker machines.
     */
    private String machineType = "all";

    /**
     * IPv4 address at which workers and API clients reach this process's gateways; packed into every client_id, so it
     * must be the LAN address in a distributed deployment.
     */
    private String lanIp = GatewayOptions.DEFAULT_LAN_IP;

    /**
     * Register addresses ("host:port") the gateways announce themselves to and workers and GatewayTemplate discover
     * gateways from. When not set: the register of this process (at its actual port) if it runs the register role,
     * else 127.0.0.1:1236.
     */
    private List<String> registerAddress = new ArrayList<>();

    /**
     * Shared secret checked by registers and gateways; must be the same on every machine. Empty for none. Set it from
     * the environment, e.g. "gateway.secret-key: ${GATEWAY_SECRET_KEY}" in application.yml.
     */
    private String secretKey = ClusterConnectionOptions.DEFAULT_SECRET_KEY;

    /**
     * Event loop threads shared by every role of this process; 0 for one per two cores (at least one).
     */
    private int eventLoopThreads = EventLoopResources.DEFAULT_THREADS;

    /**
     * Netty transport of every role: "auto" (epoll on Linux where it loads, else NIO), "epoll", "io_uring" (Linux
     * 5.14+) or "nio". A native transport that is not available fails the startup.
     */
    private NettyTransport.Kind transport = NettyTransport.Kind.AUTO;

    /**
     * Client listeners of the gateway role by name, e.g. gateway.listeners.ws.port=7272: protocol, host, port
     * (required), websocket-path, max-message-size, websocket-frame-type, ssl-bundle, inner-port, handshake-timeout,
     * max-connections-per-ip, max-connections, max-connection-rate-per-ip, max-messages-per-second,
     * message-rate-policy, ping-interval, ping-not-response-limit and ping-data. A name has letters, digits, '-'
     * and '_' and appears in local.gateway.listeners.NAME.port and in metric tags; keep it lower-case letters and
     * digits so that an environment variable (GATEWAY_LISTENERS_WS_PORT) can override one value. Each value can be
     * overridden on its own, from any property source. Listeners keep the order of the least important source that
     * declares them (application.yml before its overrides); the i-th gets inner port start-port + i unless it sets
     * inner-port. When empty, the gateway role listens for WebSocket clients on 127.0.0.1:7272 (GatewayWorker's demo
     * port) with a listener named "websocket".
     */
    private Map<String, Listener> listeners = new LinkedHashMap<>();

    /**
     * First inner port: the i-th listener (in declaration order) gets inner port start-port + i unless it sets its
     * own inner-port. 0 for ephemeral inner ports.
     */
    private int startPort = GatewayOptions.DEFAULT_START_PORT;

    /**
     * Address the gateway's inner ports bind to (GatewayWorker's innerTcpWorkerListen), e.g. 0.0.0.0 behind NAT or in
     * a container. Defaults to lan-ip, never to every interface unless asked.
     */
    private String innerBindAddress;

    /**
     * Heartbeat period of the gateway; 0 turns the heartbeat off. GatewayWorker's recommendation for cleaning up dead
     * connections is 55s with ping-not-response-limit 1.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration pingInterval = GatewayOptions.DEFAULT_PING_INTERVAL;

    /**
     * Heartbeat intervals a client may stay silent before the gateway closes it; 0 never closes.
     */
    private int pingNotResponseLimit = GatewayOptions.DEFAULT_PING_NOT_RESPONSE_LIMIT;

    /**
     * Message the gateway sends to quiet clients at every heartbeat; empty sends nothing (client-driven heartbeat).
     */
    private String pingData = GatewayOptions.DEFAULT_PING_DATA;

    /**
     * Outbound buffer of each client connection above which messages for it are dropped or it is closed (see
     * slow-consumer-policy).
     */
    private DataSize sendToClientBufferSize = DataSize.ofBytes(GatewayOptions.DEFAULT_SEND_TO_CLIENT_BUFFER_SIZE);

    /**
     * Outbound buffer of each worker connection above which the gateway stops reading from its clients.
     */
    private DataSize sendToWorkerBufferSize = DataSize.ofBytes(GatewayOptions.DEFAULT_SEND_TO_WORKER_BUFFER_SIZE);

    /**
     * What the gateway does with a message for a client whose buffer is full: "drop" the message (GatewayWorker's
     * behaviour) or "close" the client.
     */
    private SlowConsumerPolicy slowConsumerPolicy = GatewayOptions.DEFAULT_SLOW_CONSUMER_POLICY;

    /**
     * How the gateway binds a client to a worker: "least-connections" (GatewayWorker's default) or "random". A
     * WorkerRouter bean takes precedence.
     */
    private Router router = Router.LEAST_CONNECTIONS;

    /**
     * How long a client's events are held while no worker is connected, before the client is closed.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration holdTimeout = GatewayOptions.DEFAULT_HOLD_TIMEOUT;

    /**
     * How many events of one client may be held while no worker is connected; the client is closed beyond.
     */
    private int maxHeldEventsPerClient = GatewayOptions.DEFAULT_MAX_HELD_EVENTS_PER_CLIENT;

    /**
     * Bytes of events sent to at-least-once workers and not yet confirmed that the gateway keeps to send them again
     * if their worker dies (all listeners together); beyond it events are sent at most once, and counted.
     */
    private DataSize unconfirmedEventsBufferSize = DataSize.ofBytes(GatewayOptions.DEFAULT_UNCONFIRMED_EVENTS_BUFFER_SIZE);

    /**
     * How long at most a client that half-closed its connection (sent its request, then shut down its output) keeps
     * receiving, so the replies in flight reach it. It is closed as soon as a JGateway worker has handled what it
     * sent; with PHP workers, which do not tell, it waits the whole time. 0 closes at once, as GatewayWorker does.
     * Text, frame and tcp listeners only: a WebSocket client ends with a Close frame, so a bare FIN from one closes it
     * at once. A bare number is milliseconds.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration halfCloseLinger = GatewayOptions.DEFAULT_HALF_CLOSE_LINGER;

    /**
     * Message sent to every client when the gateway shuts down (through each client's protocol, like
     * closeClient's goodbye); empty = none.
     */
    private String shutdownMessage = "";

    /** How long a shutting-down gateway waits for its clients' last messages (the goodbye included) to be written. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    /**
     * How long a shutting-down gateway, once it stopped reading from its clients, waits for the workers to confirm
     * (or, in one process, to handle) the events they have, before it says goodbye and closes the clients.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration shutdownDrainTimeout = Duration.ofSeconds(10);

    public Duration getShutdownDrainTimeout() {
        return shutdownDrainTimeout;
    }

    public void setShutdownDrainTimeout(Duration shutdownDrainTimeout) {
        this.shutdownDrainTimeout = shutdownDrainTimeout;
    }

    public String getShutdownMessage() {
        return shutdownMessage;
    }

    public void setShutdownMessage(String shutdownMessage) {
        this.shutdownMessage = shutdownMessage;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Duration getHalfCloseLinger() {
        return halfCloseLinger;
    }

    public void setHalfCloseLinger(Duration halfCloseLinger) {
        this.halfCloseLinger = halfCloseLinger;
    }

    /**
     * The register role of this process.
     */
    private final Register register = new Register();

    /**
     * The worker role of this process.
     */
    private final Worker worker = new Worker();

    /**
     * The Gateway API client used by GatewayTemplate (and the timeouts of the worker's Gateway API).
     */
    private final Client client = new Client();

    /**
     * How the roles of the cluster find and talk to each other: the cluster engine and TLS between the roles.
     */
    private final Cluster cluster = new Cluster();

    /**
     * History of groups and uids, for clients that come back after a disconnect.
     */
    private final History history = new History();

    /**
     * Security policy of the cluster's own ports.
     */
    private final Security security = new Security();

    public String getMachineType() {
        return machineType;
    }

    public void setMachineType(String machineType) {
        this.machineType = machineType;
    }

    public String getLanIp() {
        return lanIp;
    }

    public void setLanIp(String lanIp) {
        this.lanIp = lanIp;
    }

    public List<String> getRegisterAddress() {
        return registerAddress;
    }

    public void setRegisterAddress(List<String> registerAddress) {
        this.registerAddress = registerAddress;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public NettyTransport.Kind getTransport() {
        return transport;
    }

    public void setTransport(NettyTransport.Kind transport) {
        this.transport = transport;
    }

    public int getEventLoopThreads() {
        return eventLoopThreads;
    }

    public void setEventLoopThreads(int eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    public Map<String, Listener> getListeners() {
        return listeners;
    }

    public void setListeners(Map<String, Listener> listeners) {
        this.listeners = listeners;
    }

    public int getStartPort() {
        return startPort;
    }

    public void setStartPort(int startPort) {
        this.startPort = startPort;
    }

    public String getInnerBindAddress() {
        return innerBindAddress;
    }

    public void setInnerBindAddress(String innerBindAddress) {
        this.innerBindAddress = innerBindAddress;
    }

    public Duration getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public int getPingNotResponseLimit() {
        return pingNotResponseLimit;
    }

    public void setPingNotResponseLimit(int pingNotResponseLimit) {
        this.pingNotResponseLimit = pingNotResponseLimit;
    }

    public String getPingData() {
        return pingData;
    }

    public void setPingData(String pingData) {
        this.pingData = pingData;
    }

    public DataSize getSendToClientBufferSize() {
        return sendToClientBufferSize;
    }

    public void setSendToClientBufferSize(DataSize sendToClientBufferSize) {
        this.sendToClientBufferSize = sendToClientBufferSize;
    }

    public DataSize getSendToWorkerBufferSize() {
        return sendToWorkerBufferSize;
    }

    public void setSendToWorkerBufferSize(DataSize sendToWorkerBufferSize) {
        this.sendToWorkerBufferSize = sendToWorkerBufferSize;
    }

    public SlowConsumerPolicy getSlowConsumerPolicy() {
        return slowConsumerPolicy;
    }

    public void setSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
        this.slowConsumerPolicy = slowConsumerPolicy;
    }

    public Router getRouter() {
        return router;
    }

    public void setRouter(Router router) {
        this.router = router;
    }

    public Duration getHoldTimeout() {
        return holdTimeout;
    }

    public void setHoldTimeout(Duration holdTimeout) {
        this.holdTimeout = holdTimeout;
    }

    public DataSize getUnconfirmedEventsBufferSize() {
        return unconfirmedEventsBufferSize;
    }

    public void setUnconfirmedEventsBufferSize(DataSize unconfirmedEventsBufferSize) {
        this.unconfirmedEventsBufferSize = unconfirmedEventsBufferSize;
    }

    public int getMaxHeldEventsPerClient() {
        return maxHeldEventsPerClient;
    }

    public void setMaxHeldEventsPerClient(int maxHeldEventsPerClient) {
        this.maxHeldEventsPerClient = maxHeldEventsPerClient;
    }

    public Register getRegister() {
        return register;
    }

    public Worker getWorker() {
        return worker;
    }

    public Client getClient() {
        return client;
    }

    public Cluster getCluster() {
        return cluster;
    }

    /** How the roles of the cluster find and talk to each other. */
    public static class Cluster {

        /**
         * "register" (GatewayWorker's: gateways are found through the registers, PHP processes share the cluster) or
         * "redis" (gateways are found through Redis, configured with spring.data.redis.*; no register needed). The
         * redis engine needs org.jgateway:gateway-spring-boot-starter-redis in place of the plain starter.
         */
        private Engine engine = Engine.REGISTER;

        /**
         * The redis engine.
         */
        private final Redis redis = new Redis();

        public Engine getEngine() {
            return engine;
        }

        public void setEngine(Engine engine) {
            this.engine = engine;
        }

        public Redis getRedis() {
            return redis;
        }

        /**
         * How long a JGateway peer (a worker seen from a gateway, a gateway seen from a worker, a register seen from
         * either) may send nothing before it counts as stalled (stopped, frozen, cut off) and its link is closed:
         * a gateway's clients then move to other workers, a worker reconnects. Both ends announce theirs and a link
         * uses the longer one; keep-alives go every quarter of it. 0 turns the check off; links to PHP peers are
         * never checked.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration peerTimeout = ClusterConnectionOptions.DEFAULT_PEER_TIMEOUT;

        public Duration getPeerTimeout() {
            return peerTimeout;
        }

        public void setPeerTimeout(Duration peerTimeout) {
            this.peerTimeout = peerTimeout;
        }

        /**
         * TLS between the roles (registers, gateways' inner ports, workers, GatewayTemplate).
         */
        private final Ssl ssl = new Ssl();

        public Ssl getSsl() {
            return ssl;
        }
    }

    /** Cluster engines. */
    public enum Engine {

        /** Gateways announce themselves to the registers (GatewayWorker's way). */
        REGISTER,

        /** Gateways announce themselves in Redis. */
        REDIS
    }

    /** The redis engine. */
    public static class Redis {

        /**
         * First part of every Redis key and channel of this cluster, so that several clusters share one Redis;
         * letters, digits and . _ - : only.
         */
        private String prefix = RedisKeys.DEFAULT_PREFIX;

        /**
         * How long a gateway that died without closing (kill -9, a lost host) stays listed and its clients, uids and
         * groups stay in presence: its announcement and its index expire this long after their last refresh (every
         * fifth and every third of it). At least 300ms.
         */
        // The engine's RedisEngineOptions.DEFAULT_PRESENCE_TTL, written out: gateway-redis is optional, and this class
        // must load without it (GatewayPropertiesDefaultsTest keeps the two equal).
        private Duration presenceTtl = Duration.ofSeconds(10);

        /**
         * How long a sender (a worker, GatewayTemplate) waits for Redis to route a push or answer a presence query
         * before it sends the push to every gateway or asks the gateways instead.
         */
        // RedisEngineOptions.DEFAULT_COMMAND_TIMEOUT, written out for the same reason.
        private Duration commandTimeout = Duration.ofSeconds(1);

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public Duration getPresenceTtl() {
            return presenceTtl;
        }

        public void setPresenceTtl(Duration presenceTtl) {
            this.presenceTtl = presenceTtl;
        }

        public Duration getCommandTimeout() {
            return commandTimeout;
        }

        public void setCommandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
        }
    }

    public History getHistory() {
        return history;
    }

    public Security getSecurity() {
        return security;
    }

    /** TLS between the roles, from a Spring SSL bundle. */
    public static class Ssl {

        /**
         * Name of the SSL bundle (spring.ssl.bundle.*) whose key store holds this process's certificate and whose
         * trust store the other roles' certificates or CA: registers and inner ports serve TLS with it, workers,
         * gateways and GatewayTemplate connect with it. Reloaded with the bundle. PHP GatewayWorker processes cannot
         * speak TLS: a mixed cluster runs without it.
         */
        private String bundle;

        /**
         * Whether registers and inner ports require a certificate from every connecting role ("need", mutual TLS)
         * or ask for none ("none": the secret key authenticates them).
         */
        private ClientAuth clientAuth = ClientAuth.NEED;

        public String getBundle() {
            return bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public ClientAuth getClientAuth() {
            return clientAuth;
        }

        public void setClientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }
    }

    /** Client certificate verification by the cluster's TLS servers. */
    public enum ClientAuth {

        /** Every connecting role presents a certificate the trust store accepts (mutual TLS). */
        NEED,

        /** No client certificate is asked for; clients still verify the servers. */
        NONE
    }

    /** Security policy of the cluster's own ports (registers and gateways' inner ports). */
    public static class Security {

        /**
         * Whether a register or a gateway's inner ports may listen beyond loopback with no gateway.secret-key (logged
         * as a warning at every start). Only for a cluster that must run without a secret, such as a mixed cluster
         * with PHP processes configured without one.
         */
        private boolean allowNoSecret = ProtectedMode.DEFAULT_ALLOW_NO_SECRET;

        public boolean isAllowNoSecret() {
            return allowNoSecret;
        }

        public void setAllowNoSecret(boolean allowNoSecret) {
            this.allowNoSecret = allowNoSecret;
        }
    }

    /** How a gateway binds clients to workers. */
    public enum Router {

        /** The worker with the fewest clients bound by this gateway (GatewayWorker's default). */
        LEAST_CONNECTIONS,

        /** A random worker, still sticky per client. */
        RANDOM
    }

    /** Which groups and uids keep history, so that clients can recover what they missed. */
    public static class History {

        /**
         * Groups that keep history: patterns ("*" for any run of characters, e.g. "room:*") each with its size and
         * ttl, e.g. gateway.history.groups[0].pattern=room:*. The first pattern that matches a group applies. Empty:
         * no group keeps history, and sends go out exactly as without this feature.
         */
        private List<Pattern> groups = new ArrayList<>();

        /**
         * Uids that keep history, also while none of their connections is online (offline messages), as
         * gateway.history.groups.
         */
        private List<Pattern> uids = new ArrayList<>();

        /**
         * Memory all histories of this process may take together (message bytes plus bookkeeping); beyond it the
         * oldest messages of the least recently used streams are dropped, and counted.
         */
        private DataSize maxMemory = DataSize.ofBytes(HistoryOptions.DEFAULT_MAX_MEMORY);

        /**
         * Where history is kept: "memory" (in this process, shared only by its gateway and business worker) or
         * "redis" (in Redis Streams on the Redis of spring.data.redis.*, shared by every process of the cluster, with
         * either engine). Unset: follows the engine, redis with gateway.cluster.engine=redis, else memory.
         */
        private Store store;

        public List<Pattern> getGroups() {
            return groups;
        }

        public void setGroups(List<Pattern> groups) {
            this.groups = groups;
        }

        public List<Pattern> getUids() {
            return uids;
        }

        public void setUids(List<Pattern> uids) {
            this.uids = uids;
        }

        public DataSize getMaxMemory() {
            return maxMemory;
        }

        public void setMaxMemory(DataSize maxMemory) {
            this.maxMemory = maxMemory;
        }

        public Store getStore() {
            return store;
        }

        public void setStore(Store store) {
            this.store = store;
        }

        /** The store in use: {@link #getStore()}, or the one that follows {@code engine}. */
        public Store resolveStore(Engine engine) {
            if (store != null) {
                return store;
            }
            return engine == Engine.REDIS ? Store.REDIS : Store.MEMORY;
        }

        /** History stores. */
        public enum Store {

            /** In this process's memory. */
            MEMORY,

            /** In Redis Streams, on the Redis of {@code spring.data.redis.*}. */
            REDIS
        }
    }

    /** Streams (groups or uids) that keep history: a name pattern, how many messages, for how long. */
    public static class Pattern {

        /**
         * Group or uid names this applies to; "*" stands for any run of characters.
         */
        private String pattern;

        /**
         * Messages kept per stream: its last ones.
         */
        private int size = HistoryPolicy.DEFAULT_SIZE;

        /**
         * How long a message is kept.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration ttl = HistoryPolicy.DEFAULT_TTL;

        public String getPattern() {
            return pattern;
        }

        public void setPattern(String pattern) {
            this.pattern = pattern;
        }

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    /** The register role. */
    public static class Register {

        /**
         * Address the register binds to; 0.0.0.0 to serve gateways and workers of other machines.
         */
        private String host = RegisterOptions.DEFAULT_HOST;

        /**
         * Port the register binds to; 0 for an ephemeral port (published as local.gateway.register.port).
         */
        private int port = RegisterOptions.DEFAULT_PORT;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /** One client listener of the gateway role; its name is its key in {@code gateway.listeners}. */
    public static class Listener {

        /**
         * Framing spoken with clients: "websocket", "text" (newline-delimited), "frame" (4-byte length prefix) or "tcp"
         * (no framing).
         */
        private ClientProtocol protocol = ClientProtocol.WEBSOCKET;

        /**
         * Address the listener binds to; 0.0.0.0 (or ::) to accept clients from other hosts.
         */
        private String host = ListenerOptions.DEFAULT_HOST;

        /**
         * Port the listener binds to (required); 0 for an ephemeral port.
         */
        private Integer port;

        /**
         * The only path a WebSocket handshake may ask for, e.g. /chat; any path when not set.
         */
        private String websocketPath;

        /**
         * Largest inbound message: WebSocket message, text line or frame payload. Larger input closes the client.
         */
        private DataSize maxMessageSize = DataSize.ofBytes(ListenerOptions.DEFAULT_MAX_MESSAGE_SIZE);

        /**
         * Frame type of outbound WebSocket messages: "text" (workerman's default) or "binary".
         */
        private WebSocketFrameType websocketFrameType = ListenerOptions.DEFAULT_WEBSOCKET_FRAME_TYPE;

        /**
         * Name of the Spring SSL bundle (spring.ssl.bundle.pem.NAME or spring.ssl.bundle.jks.NAME) to serve TLS with
         * (wss:// for WebSocket); plain TCP when not set. A bundle with reload-on-update applies renewed certificates
         * to new connections.
         */
        private String sslBundle;

        /**
         * Inner port of this listener (workers and API clients connect to it); 0 for an ephemeral port. When not set,
         * start-port + the listener's position in declaration order: set it to pin the port where the order may
         * change (listeners declared in several files or profiles).
         */
        private Integer innerPort;

        /**
         * How long a client may take to complete the TLS and WebSocket handshakes.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration handshakeTimeout = ListenerOptions.DEFAULT_HANDSHAKE_TIMEOUT;

        /**
         * Most connections one client IP may hold on this listener; excess connections are closed at once and
         * counted. 0 = unlimited.
         */
        private int maxConnectionsPerIp = ListenerOptions.DEFAULT_MAX_CONNECTIONS_PER_IP;

        /**
         * Most connections open on this listener; beyond it new connections are closed at once and counted. 0 =
         * unlimited.
         */
        private int maxConnections = ListenerOptions.DEFAULT_MAX_CONNECTIONS;

        /**
         * Most connections one client IP may open per second on this listener (bursts up to one second's worth);
         * beyond it new connections are closed at once and counted. 0 = unlimited.
         */
        private int maxConnectionRatePerIp = ListenerOptions.DEFAULT_MAX_CONNECTION_RATE_PER_IP;

        /**
         * Most messages one client may send per second (bursts up to one second's worth); what is over it is handled
         * by message-rate-policy. 0 = unlimited.
         */
        private int maxMessagesPerSecond = ListenerOptions.DEFAULT_MAX_MESSAGES_PER_SECOND;

        /**
         * What happens to a client over max-messages-per-second: "drop" the messages over it (counted) or "close" the
         * client (WebSocket status 1008, counted).
         */
        private MessageRatePolicy messageRatePolicy = ListenerOptions.DEFAULT_MESSAGE_RATE_POLICY;

        /**
         * Heartbeat period of this listener, overriding the gateway-wide gateway.ping-interval; 0 turns its heartbeat
         * off.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration pingInterval;

        /**
         * Heartbeat intervals a client of this listener may stay silent before it is closed, overriding the
         * gateway-wide gateway.ping-not-response-limit; 0 never closes.
         */
        private Integer pingNotResponseLimit;

        /**
         * Message sent to the quiet clients of this listener at every heartbeat, overriding the gateway-wide
         * gateway.ping-data, e.g. JSON for browsers and a bare line for telnet; empty sends nothing.
         */
        private String pingData;

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public Integer getPingNotResponseLimit() {
            return pingNotResponseLimit;
        }

        public void setPingNotResponseLimit(Integer pingNotResponseLimit) {
            this.pingNotResponseLimit = pingNotResponseLimit;
        }

        public String getPingData() {
            return pingData;
        }

        public void setPingData(String pingData) {
            this.pingData = pingData;
        }

        public int getMaxConnectionsPerIp() {
            return maxConnectionsPerIp;
        }

        public void setMaxConnectionsPerIp(int maxConnectionsPerIp) {
            this.maxConnectionsPerIp = maxConnectionsPerIp;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public int getMaxConnectionRatePerIp() {
            return maxConnectionRatePerIp;
        }

        public void setMaxConnectionRatePerIp(int maxConnectionRatePerIp) {
            this.maxConnectionRatePerIp = maxConnectionRatePerIp;
        }

        public int getMaxMessagesPerSecond() {
            return maxMessagesPerSecond;
        }

        public void setMaxMessagesPerSecond(int maxMessagesPerSecond) {
            this.maxMessagesPerSecond = maxMessagesPerSecond;
        }

        public MessageRatePolicy getMessageRatePolicy() {
            return messageRatePolicy;
        }

        public void setMessageRatePolicy(MessageRatePolicy messageRatePolicy) {
            this.messageRatePolicy = messageRatePolicy;
        }

        public ClientProtocol getProtocol() {
            return protocol;
        }

        public void setProtocol(ClientProtocol protocol) {
            this.protocol = protocol;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getWebsocketPath() {
            return websocketPath;
        }

        public void setWebsocketPath(String websocketPath) {
            this.websocketPath = websocketPath;
        }

        public DataSize getMaxMessageSize() {
            return maxMessageSize;
        }

        public void setMaxMessageSize(DataSize maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
        }

        public WebSocketFrameType getWebsocketFrameType() {
            return websocketFrameType;
        }

        public void setWebsocketFrameType(WebSocketFrameType websocketFrameType) {
            this.websocketFrameType = websocketFrameType;
        }

        public String getSslBundle() {
            return sslBundle;
        }

        public void setSslBundle(String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public Integer getInnerPort() {
            return innerPort;
        }

        public void setInnerPort(Integer innerPort) {
            this.innerPort = innerPort;
        }

        public Duration getHandshakeTimeout() {
            return handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }
    }

    /** The worker role. */
    public static class Worker {

        /**
         * Name of the business worker; with the process id it forms the key gateways know this worker by.
         */
        private String name = WorkerOptions.DEFAULT_NAME;

        /**
         * Handler threads; defaults to max(4, 2 x cores). Ignored with virtual threads.
         */
        private Integer concurrency;

        /**
         * Run event handlers on virtual threads (Java 21+; platform threads with a warning on older Java).
         */
        private boolean virtualThreads;

        /**
         * Run event handlers on the Netty event loop that delivered the event, without a hand-off to handler
         * threads: the least CPU and latency per event, for handlers that never block (no JDBC, no blocking HTTP,
         * no sleeps). A blocking Gateway API query that must wait for a gateway of another process fails there; use
         * the async API. Excludes virtual-threads.
         */
        private boolean runOnEventLoop;

        /**
         * Events received and not yet handled above which the worker stops reading from the gateways (backpressure).
         */
        private int maxPendingEvents = WorkerOptions.DEFAULT_MAX_PENDING_EVENTS;

        /**
         * How long a stopping worker waits for the events it already received; keep it below
         * spring.lifecycle.timeout-per-shutdown-phase.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration stopTimeout = WorkerOptions.DEFAULT_STOP_TIMEOUT;

        /**
         * What the worker asks of the gateways: "at-least-once" (our gateways keep each event until the worker
         * confirms it and send it again to another worker if this one dies) or "at-most-once" (lost with the worker,
         * and counted). PHP gateways cannot confirm: with them every event is at most once.
         */
        private DeliveryGuarantee delivery = WorkerOptions.DEFAULT_DELIVERY;

        /**
         * JSON field whose string value routes a message to the {@code @OnMessage(type = ...)} method of that type;
         * other messages go to the catch-all {@code @OnMessage} methods.
         */
        private String messageTypeField = "type";

        /**
         * Whether the worker attaches in memory to gateway listeners running in the same process instead of
         * connecting over loopback TCP (same behaviour, much less CPU).
         */
        private boolean inJvmGateways = WorkerOptions.DEFAULT_IN_JVM_GATEWAYS;

        public String getMessageTypeField() {
            return messageTypeField;
        }

        public void setMessageTypeField(String messageTypeField) {
            this.messageTypeField = messageTypeField;
        }

        public boolean isInJvmGateways() {
            return inJvmGateways;
        }

        public void setInJvmGateways(boolean inJvmGateways) {
            this.inJvmGateways = inJvmGateways;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Integer getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(Integer concurrency) {
            this.concurrency = concurrency;
        }

        public boolean isVirtualThreads() {
            return virtualThreads;
        }

        public void setVirtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
        }

        public boolean isRunOnEventLoop() {
            return runOnEventLoop;
        }

        public void setRunOnEventLoop(boolean runOnEventLoop) {
            this.runOnEventLoop = runOnEventLoop;
        }

        public int getMaxPendingEvents() {
            return maxPendingEvents;
        }

        public void setMaxPendingEvents(int maxPendingEvents) {
            this.maxPendingEvents = maxPendingEvents;
        }

        public DeliveryGuarantee getDelivery() {
            return delivery;
        }

        public void setDelivery(DeliveryGuarantee delivery) {
            this.delivery = delivery;
        }

        public Duration getStopTimeout() {
            return stopTimeout;
        }

        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }
    }

    /** The Gateway API client. */
    public static class Client {

        /**
         * How long connecting to a register or gateway may take (GatewayClient's 3 s).
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration connectTimeout = ClusterConnectionOptions.DEFAULT_CONNECT_TIMEOUT;

        /**
         * How long a query (isOnline, getAllClientIdCount...) waits for every gateway's answer.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration queryTimeout = GatewayApiOptions.DEFAULT_QUERY_TIMEOUT;

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getQueryTimeout() {
            return queryTimeout;
        }

        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }
    }
}
