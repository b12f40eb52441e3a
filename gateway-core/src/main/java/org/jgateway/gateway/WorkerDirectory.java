package org.jgateway.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers connected to one gateway, in connection order. A new connection with the key of an existing one
 * replaces it (GatewayWorker 4: newer wins), and only the link that is still registered under a key can remove it,
 * so a late close of the replaced link cannot evict its successor (a race GatewayWorker has).
 */
final class WorkerDirectory {

    private static final Logger log = LoggerFactory.getLogger(WorkerDirectory.class);

    private final Map<String, WorkerLink> byKey = new ConcurrentHashMap<>();
    private final List<WorkerLink> ordered = new CopyOnWriteArrayList<>();
    private final String listenerName;
    private final Runnable onWorkerAdded;
    private volatile boolean closing;

    WorkerDirectory(String listenerName, Runnable onWorkerAdded) {
        this.listenerName = listenerName;
        this.onWorkerAdded = onWorkerAdded;
    }

    /** A worker connected to the inner port, or attached in memory ({@code inJvm}). */
    void joined(WorkerLink link, boolean inJvm) {
        log.info(inJvm ? "Gateway '{}': business worker {} attached in this JVM" : "Gateway '{}': business worker {} connected",
                listenerName, link.key());
        add(link);
    }

    /** A worker's link closed or it left. */
    void left(WorkerLink link) {
        if (remove(link)) {
            log.info("Gateway '{}': business worker {} left", listenerName, link.key());
        }
    }

    void add(WorkerLink link) {
        WorkerLink previous = byKey.put(link.key(), link);
        if (previous != null && previous != link) {
            log.warn("Worker key {} connected again: closing the older connection", link.key());
            ordered.remove(previous);
            previous.close();
        }
        ordered.add(link);
        onWorkerAdded.run();
    }

    /** Removes {@code link} if it is still the one registered under its key. */
    boolean remove(WorkerLink link) {
        boolean removed = byKey.remove(link.key(), link);
        ordered.remove(link);
        return removed;
    }

    /** The open workers, in connection order: a snapshot (routing happens once per client, not per message). */
    List<WorkerLink> open() {
        List<WorkerLink> open = new ArrayList<>(ordered.size());
        for (WorkerLink link : ordered) {
            if (link.isOpen()) {
                open.add(link);
            }
        }
        return open;
    }

    /** Whether every connected worker that confirms what it handles has confirmed every event sent to it. */
    boolean allConfirmed() {
        for (WorkerLink link : ordered) {
            if (!link.allConfirmed()) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return ordered.size();
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (WorkerLink link : ordered) {
            keys.add(link.key());
        }
        return keys;
    }

    /** Whether the gateway is closing its worker links itself (stopping). */
    boolean closing() {
        return closing;
    }

    void closeAll() {
        closing = true;
        for (WorkerLink link : ordered) {
            link.close();
        }
    }
}
