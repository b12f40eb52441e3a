package org.jgateway.spring.actuate;

import java.time.Instant;
import java.util.List;
import org.jgateway.engine.IndexSyncStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of the {@code gateway-status} endpoint: what workerman's {@code php start.php status} shows, per role and per
 * gateway listener. A role this process does not run has an empty list.
 *
 * @param global process-wide information (versions, start time, memory)
 * @param registers the registers this process runs
 * @param gateways the gateways this process runs
 * @param workers the business workers this process runs
 * @param cluster the cluster engine and its connection
 * @param history the history of groups and uids; null when no stream keeps history
 */
public record GatewayStatusDescriptor(GlobalStatus global, List<RegisterStatus> registers,
        List<GatewayStatus> gateways, List<WorkerStatus> workers, ClusterStatus cluster,
        @Nullable HistoryStatus history) implements OperationResponseBody {

    /**
     * History ({@code gateway.history.*}): what the store kept and failed to, and the recoveries of this process's
     * gateway listeners; see {@code HistoryCounters}.
     *
     * @param store {@code memory} or {@code redis}
     * @param appended messages kept
     * @param removed messages that left history by size, ttl or memory cap (memory store)
     * @param appendFailures sends neither kept nor sent because the store failed
     * @param readFailures reads (recoveries, history pages) that failed because the store failed
     * @param memoryUsed bytes of history in this process's memory
     * @param recoveriesComplete recoveries that gave the client every message after its position
     * @param recoveriesIncomplete recoveries that could not (another epoch, too old, store unreachable)
     */
    public record HistoryStatus(String store, long appended, long removed, long appendFailures, long readFailures,
            long memoryUsed, long recoveriesComplete, long recoveriesIncomplete) {
    }

    /**
     * The cluster engine ({@code gateway.cluster.engine}).
     *
     * @param engine {@code register} or {@code redis}
     * @param redis the Redis connection, {@code connected} or {@code disconnected}; null for the register engine
     */
    public record ClusterStatus(String engine, String redis) {

        /** The register engine, which has no Redis connection. */
        public static final ClusterStatus REGISTER = new ClusterStatus("register", null);
    }

    /**
     * The process: workerman's GLOBAL STATUS section.
     *
     * @param version JGateway's version (from gateway-core's jar), {@code dev} when run from classes
     * @param nettyVersion the netty-common version
     * @param java Java version and vendor
     * @param os operating system name, version and architecture
     * @param startTime when the JVM started
     * @param uptimeSeconds seconds since {@code startTime}
     * @param loadAverage system load average over the last minute, negative when the platform has none
     * @param processors processors available to the JVM
     * @param memory heap and direct memory
     */
    public record GlobalStatus(String version, String nettyVersion, String java, String os, Instant startTime,
            long uptimeSeconds, double loadAverage, int processors, MemoryStatus memory) {
    }

    /**
     * Memory of the whole JVM (every role shares it), in bytes.
     *
     * @param heapUsed heap in use
     * @param heapCommitted heap reserved from the OS
     * @param heapMax heap limit, -1 if undefined
     * @param nonHeapUsed metaspace, code cache and other non-heap pools in use
     * @param directUsed direct memory Netty counts ({@code PlatformDependent.usedDirectMemory()}), -1 if Netty does
     *        not count it (its buffers are then in {@code jvmDirectUsed})
     * @param directMax Netty's direct memory limit
     * @param jvmDirectUsed the JVM's {@code direct} buffer pool ({@code ByteBuffer.allocateDirect} buffers)
     * @param allocator class of Netty's default buffer allocator
     * @param allocatorDirectUsed direct memory held by that allocator (pooled memory counts even when free), -1 if
     *        it has no metric
     * @param allocatorHeapUsed heap memory held by that allocator, -1 if it has no metric
     */
    public record MemoryStatus(long heapUsed, long heapCommitted, long heapMax, long nonHeapUsed, long directUsed,
            long directMax, long jvmDirectUsed, String allocator, long allocatorDirectUsed, long allocatorHeapUsed) {
    }

    /**
     * One register.
     *
     * @param listening {@code text://host:port}, or {@code none} when not started
     * @param running whether it is listening
     * @param connections open connections, whatever their role
     * @param gatewayConnections connections of gateways
     * @param gatewayAddresses distinct gateway addresses listed
     * @param workerConnections connections of business workers and API clients
     * @param totalRequests messages received since start (workerman's {@code total_request})
     * @param qps messages per second over the recent window
     * @param rejectedAuthTimeouts connections closed because their first message came too late
     * @param rejectedBadRequests connections closed for an unreadable or unexpected message
     * @param rejectedWrongSecrets connections closed for a wrong secret key
     */
    public record RegisterStatus(String listening, boolean running, int connections, int gatewayConnections,
            List<String> gatewayAddresses, int workerConnections, long totalRequests, double qps,
            long rejectedAuthTimeouts, long rejectedBadRequests, long rejectedWrongSecrets) {
    }

    /**
     * One gateway and its listeners (each listener is one GatewayWorker gateway process).
     *
     * @param name the gateway's name
     * @param registersConnected registers it is connected to
     * @param registerAddresses registers it is configured with
     * @param discoveryConnected whether its announcement reaches the discovery (a register, or Redis)
     * @param registersStalled register connections it closed because the register sent nothing for the peer timeout
     * @param listeners its listeners, in configuration order
     * @param engine how its listeners keep their clients, uids and groups in the cluster engine's store
     */
    public record GatewayStatus(String name, int registersConnected, List<String> registerAddresses,
            boolean discoveryConnected, long registersStalled, List<ListenerDescriptor> listeners,
            IndexSyncStatus engine) {
    }

    /**
     * One gateway listener.
     *
     * @param name listener name
     * @param protocol client protocol, lower case
     * @param tls whether clients connect with TLS
     * @param listening {@code protocol://host:port}; with TLS {@code wss://host:port} for WebSocket and
     *        {@code protocol+tls://host:port} for the others
     * @param innerAddress {@code lanIp:innerPort}, where workers connect
     * @param startTime when the listener was created
     * @param uptimeSeconds seconds since {@code startTime}
     * @param clients connected clients
     * @param workersConnected business workers connected to the inner port
     * @param workers their worker keys
     * @param clientsWaitingForWorker clients whose events are held until a worker connects
     * @param totalRequests client messages plus worker commands and queries received
     * @param qps {@code totalRequests} per second over the recent window
     * @param sendFailures messages not delivered to clients (slow consumer dropped or closed, client gone)
     * @param counters every counter of the listener
     */
    public record ListenerDescriptor(String name, String protocol, boolean tls, String listening, String innerAddress,
            Instant startTime, long uptimeSeconds, int clients, int workersConnected, List<String> workers,
            int clientsWaitingForWorker, long totalRequests, double qps, long sendFailures, ListenerCounters counters) {
    }

    /**
     * Counters of one listener since start; see {@code GatewayStats} and {@code GatewayCommandStats}.
     *
     * @param connectionsAccepted client connections accepted
     * @param clientMessagesIn messages received from clients
     * @param clientBytesIn bytes of those messages
     * @param eventsToWorkers client events forwarded to workers
     * @param workerCommands commands executed for workers and API clients
     * @param queries queries answered
     * @param invalidCommands inner commands that could not be executed
     * @param messagesSent messages handed to client connections (a broadcast to n clients counts n)
     * @param eventsHeld events held because no worker was connected
     * @param eventsDroppedNoWorker held events dropped: no worker came in time, or the hold queue was full
     * @param eventsDroppedWorkerClosed events lost because their worker's connection closed
     * @param clientsClosedNoWorker clients closed because no worker came in time
     * @param sendDroppedSlowConsumer messages dropped for a slow client (DROP policy)
     * @param clientsClosedSlowConsumer slow clients closed (CLOSE policy)
     * @param sendDroppedClosed messages to clients already gone
     * @param heartbeatClosed clients closed by the heartbeat
     * @param clientProtocolErrors clients closed for a protocol error
     * @param innerProtocolErrors inner connections closed for a protocol error
     * @param unauthorizedInner inner connections rejected for their secret key
     * @param readsPausedForWorker times a client's reads were paused for a busy worker connection
     * @param eventsLostWithWorker events sent to a worker that went away without confirming them
     * @param connectionsRejectedPerIpLimit connections closed on accept: their IP held max-connections-per-ip
     * @param handshakesRefused WebSocket handshakes the handshake filter refused (403)
     * @param acceptFailures failed accepts (e.g. out of file descriptors), each followed by a pause in accepting
     * @param connectionsRejectedMaxConnections connections closed on accept: the listener held max-connections
     * @param connectionsRejectedPerIpRate connections closed on accept: their IP opened over
     *        max-connection-rate-per-ip per second
     * @param clientMessagesDroppedRateLimit client messages over max-messages-per-second, dropped (policy drop)
     * @param clientsClosedRateLimit clients closed for sending over max-messages-per-second (policy close)
     * @param eventsRedelivered events sent again because their worker went away without confirming them
     * @param eventsNotKept events sent to an at-least-once worker while the unconfirmed-events buffer was full (at
     *        most once)
     * @param workersStalled worker connections closed because the worker sent nothing for the peer timeout (its
     *        clients move to other workers)
     */
    public record ListenerCounters(long connectionsAccepted, long clientMessagesIn, long clientBytesIn,
            long eventsToWorkers, long workerCommands, long queries, long invalidCommands, long messagesSent,
            long eventsHeld, long eventsDroppedNoWorker, long eventsDroppedWorkerClosed, long clientsClosedNoWorker,
            long sendDroppedSlowConsumer, long clientsClosedSlowConsumer, long sendDroppedClosed, long heartbeatClosed,
            long clientProtocolErrors, long innerProtocolErrors, long unauthorizedInner, long readsPausedForWorker,
            long eventsLostWithWorker, long connectionsRejectedPerIpLimit, long handshakesRefused, long acceptFailures,
            long connectionsRejectedMaxConnections, long connectionsRejectedPerIpRate,
            long clientMessagesDroppedRateLimit, long clientsClosedRateLimit, long eventsRedelivered,
            long eventsNotKept, long workersStalled) {
    }

    /**
     * One business worker.
     *
     * @param name worker name
     * @param workerKey the key it announces to gateways
     * @param startTime when it was created
     * @param uptimeSeconds seconds since {@code startTime}
     * @param registersConnected registers it is connected to
     * @param discoveryConnected whether it reaches the discovery it learns gateways from (a register, or Redis)
     * @param gatewaysKnown gateways the discovery listed
     * @param gatewaysConnected gateways it is connected to
     * @param connectedGateways their inner addresses
     * @param pendingEvents events received and not yet handled
     * @param totalRequests client events received
     * @param qps events per second over the recent window
     * @param sendFailures commands not sent because their gateway was not connected
     * @param counters every counter of the worker
     * @param engine where its Gateway API's broadcast commands went
     */
    public record WorkerStatus(String name, String workerKey, Instant startTime, long uptimeSeconds,
            int registersConnected, boolean discoveryConnected, int gatewaysKnown, int gatewaysConnected,
            List<String> connectedGateways, int pendingEvents, long totalRequests, double qps, long sendFailures,
            WorkerCounters counters, EngineRouting engine) {
    }

    /**
     * The cluster engine's sender side of one worker's Gateway API; see {@code BrokerStats}.
     *
     * @param engine the engine's name ({@code register}, {@code redis})
     * @param routed broadcast commands sent only to the gateways holding their targets
     * @param broadcast broadcast commands sent to every known gateway (including the fallbacks)
     * @param routingFallbacks commands sent to every gateway because the engine's store did not answer
     * @param membershipWriteFailures membership changes the store did not confirm
     * @param presenceFallbacks presence queries asked of every gateway because the store did not answer
     */
    public record EngineRouting(String engine, long routed, long broadcast, long routingFallbacks,
            long membershipWriteFailures, long presenceFallbacks) {
    }

    /**
     * Counters of one worker since start; see {@code WorkerStats}.
     *
     * @param eventsReceived client events received
     * @param eventsHandled events whose callback finished
     * @param handlerErrors callbacks that threw
     * @param sessionWrites sessions written back to gateways
     * @param sessionReloads sessions re-read because an event carried an older one
     * @param commandsDropped commands not sent: gateway not connected
     * @param readPauses times reading was paused because too many events were waiting
     * @param eventsAbandonedAtStop events still queued when the stop timeout ran out
     * @param gatewaysStalled gateway connections closed because the gateway sent nothing for the peer timeout
     * @param registersStalled register connections closed because the register sent nothing for the peer timeout
     * @param meanHandlerMillis mean callback duration
     */
    public record WorkerCounters(long eventsReceived, long eventsHandled, long handlerErrors, long sessionWrites,
            long sessionReloads, long commandsDropped, long readPauses, long eventsAbandonedAtStop,
            long gatewaysStalled, long registersStalled, double meanHandlerMillis) {
    }
}
