package org.jgateway.client;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jgateway.protocol.ClientId;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the API methods, failing early with a message that names the parameter. */
final class ApiArguments {

    private ApiArguments() {
    }

    static ClientId clientId(String clientId) {
        if (clientId == null) {
            throw new IllegalArgumentException("clientId must not be null");
        }
        return ClientId.parse(clientId);
    }

    /** A group or uid: any non-empty string ({@code "0"} included, unlike GatewayWorker's {@code empty()} check). */
    static String id(String kind, String id) {
        if (id == null) {
            throw new IllegalArgumentException(kind + " must not be null");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException(kind + " must not be empty");
        }
        return id;
    }

    /** Every element checked with {@link #id}; duplicates dropped, order kept. */
    static Set<String> ids(String kind, Collection<String> ids) {
        if (ids == null) {
            throw new IllegalArgumentException(kind + " collection must not be null");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(id(kind, id));
        }
        return out;
    }

    /** Every element parsed as a client_id; duplicates dropped, order kept; null collection → empty. */
    static Set<ClientId> clientIds(@Nullable Collection<String> clientIds) {
        Set<ClientId> out = new LinkedHashSet<>();
        if (clientIds != null) {
            for (String clientId : clientIds) {
                out.add(clientId(clientId));
            }
        }
        return out;
    }
}
