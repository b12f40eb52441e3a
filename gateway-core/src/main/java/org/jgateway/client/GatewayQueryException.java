package org.jgateway.client;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A query that needed answers from several gateways did not get all of them in time (or a gateway was not
 * connected). The result built from the answers that did arrive is available, and the failing gateways are named.
 */
public class GatewayQueryException extends GatewayException {

    private final transient @Nullable Object partialResult;
    private final Map<String, String> missingGateways;

    /**
     * @param query           what was asked, for the message
     * @param partialResult   the result built from the gateways that answered (may be null)
     * @param missingGateways gateway address → reason ("timeout after 5s", "not connected"...)
     */
    public GatewayQueryException(String query, @Nullable Object partialResult, Map<String, String> missingGateways) {
        super(query + ": no answer from " + missingGateways.size() + " gateway(s) " + missingGateways);
        this.partialResult = partialResult;
        this.missingGateways = Map.copyOf(missingGateways);
    }

    /** The result from the gateways that answered; its type is the query's result type. */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T partialResult() {
        return (T) partialResult;
    }

    /** Address → reason, for every gateway that did not answer. */
    public Map<String, String> missingGateways() {
        return missingGateways;
    }

    public List<String> missingGatewayAddresses() {
        return List.copyOf(missingGateways.keySet());
    }
}
