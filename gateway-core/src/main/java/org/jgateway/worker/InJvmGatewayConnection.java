package org.jgateway.worker;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jgateway.gateway.InJvmGatewayAttachment;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.InJvmWorkerEndpoint;
import org.jgateway.protocol.GatewayFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's link to a gateway listener of the same JVM: events arrive as frame objects on the clients' event loops,
 * commands and queries run on the calling handler thread. Same semantics as {@link TcpGatewayConnection} (secret,
 * backpressure, graceful leave, retry while listed) without encoding, loopback syscalls or extra thread hops.
 */
final class InJvmGatewayConnection implements GatewayConnection, InJvmWorkerEndpoint {

    private static final Logger log = LoggerFactory.getLogger(InJvmGatewayConnection.class);

    private final String address;
    private final BusinessWorker worker;
    private final InJvmGateways gateways;
    private volatile InJvmGatewayAttachment attachment;
    private volatile boolean wanted = true;
    private volatile ScheduledFuture<?> retry;

    InJvmGatewayConnection(String address, BusinessWorker worker, InJvmGateways gateways) {
        this.address = address;
        this.worker = worker;
        this.gateways = gateways;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean isConnected() {
        InJvmGatewayAttachment a = attachment;
        return a != null && a.isAttached();
    }

    @Override
    public void connect() {
        if (!wanted || isConnected()) {
            return;
        }
        InJvmGatewayAttachment a = gateways.attach(address, worker.options().cluster().secretKey(), this);
        if (a == null) {
            scheduleRetry();
            return;
        }
        attachment = a;
        a.activate();
        log.info("Worker '{}' attached to gateway {} in this JVM", worker.options().name(), address);
        worker.gatewayConnected(this);
    }

    private void scheduleRetry() {
        if (wanted) {
            retry = worker.resources().group().next().schedule(this::connect,
                    worker.options().cluster().reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void setListed(boolean listed) {
        if (listed == wanted) {
            return;
        }
        wanted = listed;
        if (listed) {
            connect();
        } else {
            cancelRetry();
            if (!isConnected()) {
                worker.forget(this);
            }
        }
    }

    @Override
    public boolean send(GatewayFrame command) {
        InJvmGatewayAttachment a = attachment;
        if (a == null || !a.isAttached()) {
            return false;
        }
        a.execute(command);
        return true;
    }

    @Override
    public byte[] queryInJvm(GatewayFrame query) {
        InJvmGatewayAttachment a = attachment;
        return a == null ? null : a.query(query);
    }

    /** Backpressure works through {@link #isAcceptingEvents()}: the gateway pauses the clients itself. */
    @Override
    public void setReading(boolean reading) {
    }

    @Override
    public CompletableFuture<Void> leave() {
        InJvmGatewayAttachment a = attachment;
        if (a != null) {
            // In memory nothing is on the way once the gateway knows: confirmed at once.
            a.leave();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        wanted = false;
        cancelRetry();
        InJvmGatewayAttachment a = attachment;
        attachment = null;
        if (a != null) {
            a.detach();
        }
    }

    private void cancelRetry() {
        ScheduledFuture<?> r = retry;
        if (r != null) {
            r.cancel(false);
        }
    }

    // ---- the gateway's side ----

    @Override
    public String workerKey() {
        return worker.workerKey();
    }

    @Override
    public void onEvent(GatewayFrame event) {
        worker.onGatewayFrame(this, event);
    }

    @Override
    public boolean isAcceptingEvents() {
        return worker.isAcceptingEvents();
    }

    @Override
    public void whenAcceptingEvents(Runnable task) {
        worker.whenAcceptingEvents(task);
    }

    @Override
    public void onGatewayClosed() {
        attachment = null;
        worker.gatewayDisconnected(this);
        if (wanted) {
            scheduleRetry();
        } else {
            worker.forget(this);
        }
    }

    @Override
    public String toString() {
        return "in-JVM gateway " + address;
    }
}
