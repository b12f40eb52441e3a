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

    /** Keep-alive in either direction: {@code {"event":"ping"}}. The register ignores it. */
    record Ping() implements RegisterMessage {

        public static final String EVENT = "ping";

        /** The only instance anyone needs. */
        public static final Ping INSTANCE = new Ping();

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
