package org.jgateway.worker;

import java.util.concurrent.CompletableFuture;
import org.jgateway.gateway.InJvmGatewayAttachment;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.InJvmWorkerEndpoint;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.transport.ConnectionWatchdog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's link to a gateway listener of the same JVM: events arrive as frame objects on the clients' event loops,
 * commands and queries run on the calling handler thread (a recovery's history read excepted: it never holds that
 * thread). Same semantics as {@link TcpGatewayConnection} (secret, backpressure, graceful leave, reconnect while
 * listed) without encoding, loopback syscalls or extra thread hops.
 */
final class InJvmGatewayConnection implements GatewayConnection, InJvmWorkerEndpoint {

    private static final Logger log = LoggerFactory.getLogger(InJvmGatewayConnection.class);

    private final String address;
    private final GatewayLinks links;
    private final GatewayLinkListener listener;
    private final InJvmGateways gateways;
    private volatile @Nullable InJvmGatewayAttachment attachment;
    private final ConnectionWatchdog watchdog;

    InJvmGatewayConnection(String address, GatewayLinks links, InJvmGateways gateways) {
        this.address = address;
        this.links = links;
        this.listener = links.listener();
        this.gateways = gateways;
        this.watchdog = new ConnectionWatchdog(links.resources().group().next(), links.reconnectDelay(), this::connect);
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
        if (!watchdog.isReconnecting() || isConnected()) {
            return;
        }
        InJvmGatewayAttachment a = gateways.attach(address, links.options().cluster().secretKey(), this);
        if (a == null) {
            watchdog.scheduleReconnect();
            return;
        }
        watchdog.reset();
        attachment = a;
        a.activate();
        log.info("Worker '{}' attached to gateway {} in this JVM", links.options().name(), address);
        links.connected(this);
    }

    @Override
    public void setListed(boolean listed) {
        if (!watchdog.setReconnecting(listed)) {
            return;
        }
        if (listed) {
            connect();
        } else if (!isConnected()) {
            links.forget(this);
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
    public @Nullable CompletableFuture<byte[]> queryInJvm(GatewayFrame query) {
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
        watchdog.stop();
        InJvmGatewayAttachment a = attachment;
        attachment = null;
        if (a != null) {
            a.detach();
        }
    }

    // ---- the gateway's side ----

    @Override
    public String workerKey() {
        return links.workerKey();
    }

    @Override
    public void onEvent(GatewayFrame event) {
        listener.received(this, event);
    }

    @Override
    public void afterEventsOf(String clientId, Runnable task) {
        listener.afterEventsOf(clientId, task);
    }

    @Override
    public boolean isAcceptingEvents() {
        return links.isReading();
    }

    @Override
    public void whenAcceptingEvents(Runnable task) {
        links.whenReading(task);
    }

    @Override
    public void onGatewayClosed() {
        attachment = null;
        boolean listed = watchdog.isReconnecting();
        links.disconnected(this, listed);
        if (listed) {
            watchdog.scheduleReconnect();
        }
    }

    @Override
    public String toString() {
        return "in-JVM gateway " + address;
    }
}
