package org.jgateway.spring;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jgateway.client.AsyncGatewayApi;
import org.jgateway.client.GatewayApi;
import org.jspecify.annotations.Nullable;

/**
 * The Gateway API as a bean, injectable anywhere: GatewayWorker's {@code Gateway::sendToUid(...)} and friends.
 * <p>
 * In a process with the worker role it goes through the business worker's gateway connections, and inside a worker
 * callback the {@code *CurrentClient} methods address the client whose event is being handled. In any other process
 * (a web application with {@code gateway.machine-type} empty, or a register/gateway machine) it goes through a
 * GatewayClient that finds the gateways through the registers and connects on first use, so the application starts
 * even while the cluster is not up.
 * <p>
 * Only the operations are delegated; the convenience overloads, the {@code *CurrentClient} methods and the blocking
 * queries are {@link GatewayApi}'s default methods over them.
 */
public class GatewayTemplate implements GatewayApi {

    private final Supplier<? extends GatewayApi> api;

    /** A template over an API that exists already, e.g. a business worker's. */
    public GatewayTemplate(GatewayApi api) {
        Objects.requireNonNull(api, "api");
        this.api = () -> api;
    }

    /** A template over an API obtained on each call, so that it can be created on first use. */
    public GatewayTemplate(Supplier<? extends GatewayApi> api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The API calls are delegated to. */
    protected GatewayApi api() {
        return api.get();
    }

    @Override
    public AsyncGatewayApi async() {
        return api().async();
    }

    @Override
    public void sendToAll(Object message, @Nullable Collection<String> clientIds,
            @Nullable Collection<String> excludeClientIds, boolean raw) {
        api().sendToAll(message, clientIds, excludeClientIds, raw);
    }

    @Override
    public boolean sendToClient(String clientId, Object message, boolean raw) {
        return api().sendToClient(clientId, message, raw);
    }

    @Override
    public boolean closeClient(String clientId, @Nullable Object goodbye) {
        return api().closeClient(clientId, goodbye);
    }

    @Override
    public boolean destroyClient(String clientId) {
        return api().destroyClient(clientId);
    }

    @Override
    public void bindUid(String clientId, String uid) {
        api().bindUid(clientId, uid);
    }

    @Override
    public void unbindUid(String clientId, @Nullable String uid) {
        api().unbindUid(clientId, uid);
    }

    @Override
    public void sendToUid(Collection<String> uids, Object message, boolean raw) {
        api().sendToUid(uids, message, raw);
    }

    @Override
    public void joinGroup(String clientId, String group) {
        api().joinGroup(clientId, group);
    }

    @Override
    public void leaveGroup(String clientId, String group) {
        api().leaveGroup(clientId, group);
    }

    @Override
    public void ungroup(String group) {
        api().ungroup(group);
    }

    @Override
    public void sendToGroup(Collection<String> groups, Object message, @Nullable Collection<String> excludeClientIds,
            boolean raw) {
        api().sendToGroup(groups, message, excludeClientIds, raw);
    }

    @Override
    public void setSession(String clientId, @Nullable Map<String, Object> session) {
        api().setSession(clientId, session);
    }

    @Override
    public void updateSession(String clientId, Map<String, Object> session) {
        api().updateSession(clientId, session);
    }
}
