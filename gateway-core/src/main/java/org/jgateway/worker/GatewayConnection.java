package org.jgateway.worker;

import java.util.concurrent.CompletableFuture;
import org.jgateway.protocol.GatewayFrame;
import org.jspecify.annotations.Nullable;

/**
 * A worker's link to one gateway listener: over TCP ({@link TcpGatewayConnection}), or in memory when the gateway
 * runs in the same JVM ({@link InJvmGatewayConnection}).
 */
interface GatewayConnection {

    /** The gateway's inner address, {@code lanIp:port}. */
    String address();

    boolean isConnected();

    /** Connects (retrying while the gateway is listed). */
    void connect();

    /** The registers list the gateway again, or no longer (then no reconnect once the link closes). */
    void setListed(boolean listed);

    /** Sends a command; false when not connected. */
    boolean send(GatewayFrame command);

    /** Stops or resumes taking events (backpressure). */
    void setReading(boolean reading);

    /** Asks the gateway to stop routing clients here; completes when it confirmed (or could not). */
    CompletableFuture<Void> leave();

    /**
     * Whether the gateway answers {@link #leave()}, after the last event it routed here (a JGateway gateway does; a
     * PHP gateway never answers).
     */
    default boolean confirmsLeave() {
        return false;
    }

    /** Closes for good. */
    void close();

    /**
     * An event was just received from this gateway (called in arrival order).
     *
     * @return what to run once it has been handled (its callback returned)
     */
    default Runnable eventReceived() {
        return NO_CONFIRMATION;
    }

    Runnable NO_CONFIRMATION = () -> {
    };

    /**
     * Completes once every command sent through this link before the call has been written to the socket (or can no
     * longer be): a query sent to the gateway afterwards on another connection is read after them. In memory, commands
     * are applied when sent, so at once.
     */
    default CompletableFuture<Void> commandsWritten() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Answers a query without the network when the gateway is in this JVM (complete at once except for a recovery
     * whose history is still being read); null otherwise.
     */
    default @Nullable CompletableFuture<byte[]> queryInJvm(GatewayFrame query) {
        return null;
    }
}
