package org.jgateway.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.php.PhpArrays;
import org.jgateway.protocol.php.PhpSerializer;
import org.jgateway.protocol.php.PhpUnserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GatewayWorker's session auto-sync: loads a client's session for a callback (from the event, unless this worker
 * wrote a newer one that the gateway has not applied yet) and writes it back to the client's gateway when the callback
 * changed it. Called on the client's lane.
 */
final class SessionSync {

    private static final Logger log = LoggerFactory.getLogger(SessionSync.class);
    private static final byte[] NO_SESSION = new byte[0];

    private final String workerName;
    private final GatewayLinks links;
    private final WorkerStats stats;
    private final SessionWrites writes = new SessionWrites();

    SessionSync(String workerName, GatewayLinks links, WorkerStats stats) {
        this.workerName = workerName;
        this.links = links;
        this.stats = stats;
    }

    /** The session for a callback (GatewayWorker §8). */
    Map<String, Object> load(EventContext context, byte[] eventSession) {
        String clientId = context.clientId();
        byte[] ext = writes.resolve(clientId, eventSession);
        if (ext != eventSession) {
            stats.sessionReloads.increment();
        }
        if (ext.length == 0) {
            return new LinkedHashMap<>();
        }
        try {
            return EventContext.stringKeys(PhpArrays.asMap(PhpUnserializer.unserialize(ext)));
        } catch (RuntimeException e) {
            log.warn("Worker '{}': unreadable session of client {} ({}): starting empty", workerName, clientId,
                    e.toString());
            return new LinkedHashMap<>();
        }
    }

    /** Writes the session a callback changed to the client's gateway ({@code SET_SESSION}). */
    void save(String clientId, GatewayFrame event, Map<String, Object> session) {
        byte[] bytes = session.isEmpty() ? NO_SESSION : PhpSerializer.serialize(session);
        GatewayFrame frame = GatewayFrame.scalarCommand(GatewayCommand.SET_SESSION, event.connectionId(), bytes, null);
        if (!links.send(Ipv4.toString(event.localIp()) + ':' + event.localPort(), frame)) {
            log.warn("Worker '{}': session of client {} not saved: its gateway is not connected", workerName, clientId);
            return;
        }
        writes.wrote(clientId, event.ext(), bytes);
        stats.sessionWrites.increment();
    }

    /** The client closed: nothing of it is in flight any more. */
    void forget(String clientId) {
        writes.forget(clientId);
    }

    /** The clients on that gateway are gone with it, or come back with new events: forget what we wrote. */
    void forgetGateway(String gatewayAddress) {
        writes.forgetGateway(gatewayAddress);
    }
}
