package org.jgateway.protocol.register;

import java.util.List;
import java.util.Objects;

/**
 * One line of the register's text protocol (GatewayWorker {@code Register}): single-line JSON objects told apart by
 * their {@code "event"} property. Encode and decode with {@link RegisterCodec}.
 */
public sealed interface RegisterMessage
        permits RegisterMessage.GatewayConnect, RegisterMessage.WorkerConnect, RegisterMessage.Ping,
        RegisterMessage.BroadcastAddresses {

    /** The value of the {@code "event"} property of this message. */
    String event();

    /**
     * Gateway → register: {@code {"event":"gateway_connect", "address":"127.0.0.1:2900", "secret_key":""}}. Sent
     * once per inner listener; the register lists {@code address} while the connection stays open.
     *
     * @param address the gateway's inner address ({@code lanIp:port}) that business workers connect to
     * @param secretKey the register's secret, {@code ""} when none is configured
     */
    record GatewayConnect(String address, String secretKey) implements RegisterMessage {

        public static final String EVENT = "gateway_connect";

        public GatewayConnect {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String event() {
            return EVENT;
        }

        @Override
        public String toString() {
            // Keeps the secret out of logs.
            return "GatewayConnect[address=" + address + "]";
        }
    }

    /**
     * Business worker or standalone API client → register: {@code {"event":"worker_connect","secret_key":""}}. The
     * register answers with {@link BroadcastAddresses} now and after every change.
     *
     * @param secretKey the register's secret, {@code ""} when none is configured
     */
    record WorkerConnect(String secretKey) implements RegisterMessage {

        public static final String EVENT = "worker_connect";

        public WorkerConnect {
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String event() {
            return EVENT;
        }

        @Override
        public String toString() {
            return "WorkerConnect[]";
        }
    }

    /**
     * Keep-alive in either direction: {@code {"event":"ping"}}, which a register ignores. Extension (not in
     * GatewayWorker): a JGateway client that checks its register for a stall sends
     * {@code {"event":"ping","peer_timeout":ms}} every quarter of its timeout, and a JGateway register answers each
     * such ping with a plain one; a PHP register ignores both, so that link is not checked.
     *
     * @param peerTimeoutMillis the sender's peer timeout when it asks for an answer, else 0
     */
    record Ping(long peerTimeoutMillis) implements RegisterMessage {

        public static final String EVENT = "ping";

        /** The plain keep-alive, asking for nothing. */
        public static final Ping INSTANCE = new Ping(0);

        /** Whether the sender asks the register to answer (it checks the register for a stall). */
        public boolean asksForAnswer() {
            return peerTimeoutMillis > 0;
        }

        @Override
        public String event() {
            return EVENT;
        }
    }

    /**
     * Register → workers: {@code {"event":"broadcast_addresses","addresses":["127.0.0.1:3900",…]}}, the full list of
     * registered gateway addresses in registration order, without duplicates.
     *
     * @param addresses gateway inner addresses; an unmodifiable copy
     */
    record BroadcastAddresses(List<String> addresses) implements RegisterMessage {

        public static final String EVENT = "broadcast_addresses";

        public BroadcastAddresses {
            addresses = List.copyOf(addresses);
        }

        @Override
        public String event() {
            return EVENT;
        }
    }
}
