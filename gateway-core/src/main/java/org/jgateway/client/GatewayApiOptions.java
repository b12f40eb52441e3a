package org.jgateway.client;

import java.time.Duration;
import java.util.Objects;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.RegisterBroker;
import org.jgateway.history.HistoryStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Immutable options of a {@link TransportGatewayApi}. Build with {@link #builder()}; {@link #defaults()} are
 * GatewayWorker's.
 */
public final class GatewayApiOptions {

    /** How long a query waits for the gateways' answers, GatewayWorker's 5 s. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Duration queryTimeout;
    private final JsonMapper jsonMapper;
    private final HistoryStore history;
    private final ClusterBroker broker;

    private GatewayApiOptions(Builder builder) {
        this.queryTimeout = builder.queryTimeout;
        this.jsonMapper = builder.jsonMapper;
        this.history = builder.history;
        this.broker = builder.broker != null ? builder.broker : new RegisterBroker();
    }

    /** Every option at its default (with a register engine of its own, whose counters are this API's). */
    public static GatewayApiOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these options. */
    public Builder mutate() {
        return new Builder().queryTimeout(queryTimeout).jsonMapper(jsonMapper).broker(broker).history(history);
    }

    /** The timeout of every query, per gateway (gateways are asked in parallel). */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** Writes non-scalar messages (maps, lists, records, POJOs) as JSON. */
    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    /** The cluster engine's sender side: where broadcast commands go and who answers presence queries. */
    public ClusterBroker broker() {
        return broker;
    }

    /** Where sends to streams with history are kept; {@link HistoryStore#none()} by default. */
    public HistoryStore history() {
        return history;
    }

    @Override
    public String toString() {
        return "GatewayApiOptions{queryTimeout=" + queryTimeout + ", engine=" + broker.engine() + ", history=" + history
                + '}';
    }

    /** Builder of {@link GatewayApiOptions}. */
    public static final class Builder {

        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private JsonMapper jsonMapper = JsonMapper.shared();
        private HistoryStore history = HistoryStore.none();
        private @Nullable ClusterBroker broker;

        private Builder() {
        }

        /** Default {@link GatewayApiOptions#DEFAULT_QUERY_TIMEOUT}; must be positive. */
        public Builder queryTimeout(Duration queryTimeout) {
            Objects.requireNonNull(queryTimeout, "queryTimeout");
            if (queryTimeout.isZero() || queryTimeout.isNegative()) {
                throw new IllegalArgumentException("queryTimeout must be positive: " + queryTimeout);
            }
            this.queryTimeout = queryTimeout;
            return this;
        }

        /** The mapper for JSON messages; default {@link JsonMapper#shared()}. */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /**
         * Where sends to groups and uids with history are kept (default {@link HistoryStore#none()}: none is). The
         * gateways must read the same history: for a {@link org.jgateway.history.MemoryHistoryStore}, the same
         * object in the same JVM.
         */
        public Builder history(HistoryStore history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * The cluster engine's sender side; default a new {@link RegisterBroker} (GatewayWorker's fan-out to every
         * gateway).
         */
        public Builder broker(ClusterBroker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
            return this;
        }

        /** The immutable options. */
        public GatewayApiOptions build() {
            return new GatewayApiOptions(this);
        }
    }
}
