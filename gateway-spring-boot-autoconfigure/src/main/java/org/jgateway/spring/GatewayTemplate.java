package org.jgateway.spring;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jgateway.client.AsyncGatewayApi;
import org.jgateway.client.GatewayApi;

/**
 * The Gateway API as a bean, injectable anywhere: GatewayWorker's {@code Gateway::sendToUid(...)} and friends.
 * <p>
 * In a process with the worker role it goes through the business worker's gateway connections, and inside a worker
 * callback the {@code *CurrentClient} methods address the client whose event is being handled. In any other process
 * (a web application with {@code gateway.machine-type} empty, or a register/gateway machine) it goes through a
 * GatewayClient that finds the gateways through the registers and connects on first use, so the application starts
 * even while the cluster is not up.
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
    public void sendToAll(Object message) {
        api().sendToAll(message);
    }

    @Override
    public void sendToAll(Object message, Collection<String> clientIds, Collection<String> excludeClientIds, boolean raw) {
        api().sendToAll(message, clientIds, excludeClientIds, raw);
    }

    @Override
    public boolean sendToClient(String clientId, Object message) {
        return api().sendToClient(clientId, message);
    }

    @Override
    public boolean sendToClient(String clientId, Object message, boolean raw) {
        return api().sendToClient(clientId, message, raw);
    }

    @Override
    public boolean sendToCurrentClient(Object message) {
        return api().sendToCurrentClient(message);
    }

    @Override
    public boolean sendToCurrentClient(Object message, boolean raw) {
        return api().sendToCurrentClient(message, raw);
    }

    @Override
    public boolean closeClient(String clientId) {
        return api().closeClient(clientId);
    }

    @Override
    public boolean closeClient(String clientId, Object goodbye) {
        return api().closeClient(clientId, goodbye);
    }

    @Override
    public boolean closeCurrentClient() {
        return api().closeCurrentClient();
    }

    @Override
    public boolean closeCurrentClient(Object goodbye) {
        return api().closeCurrentClient(goodbye);
    }

    @Override
    public boolean destroyClient(String clientId) {
        return api().destroyClient(clientId);
    }

    @Override
    public boolean destroyCurrentClient() {
        return api().destroyCurrentClient();
    }

    @Override
    public void bindUid(String clientId, String uid) {
        api().bindUid(clientId, uid);
    }

    @Override
    public void unbindUid(String clientId, String uid) {
        api().unbindUid(clientId, uid);
    }

    @Override
    public void sendToUid(String uid, Object message) {
        api().sendToUid(uid, message);
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
    public void sendToGroup(String group, Object message) {
        api().sendToGroup(group, message);
    }

    @Override
    public void sendToGroup(Collection<String> groups, Object message, Collection<String> excludeClientIds, boolean raw) {
        api().sendToGroup(groups, message, excludeClientIds, raw);
    }

    @Override
    public void setSession(String clientId, Map<String, Object> session) {
        api().setSession(clientId, session);
    }

    @Override
    public void updateSession(String clientId, Map<String, Object> session) {
        api().updateSession(clientId, session);
    }

    @Override
    public boolean isOnline(String clientId) {
        return api().isOnline(clientId);
    }

    @Override
    public boolean isUidOnline(String uid) {
        return api().isUidOnline(uid);
    }

    @Override
    public Map<String, Boolean> isUidsOnline(Collection<String> uids) {
        return api().isUidsOnline(uids);
    }

    @Override
    public List<String> getClientIdByUid(String uid) {
        return api().getClientIdByUid(uid);
    }

    @Override
    public Map<String, List<String>> batchGetClientIdByUid(Collection<String> uids) {
        return api().batchGetClientIdByUid(uids);
    }

    @Override
    public String getUidByClientId(String clientId) {
        return api().getUidByClientId(clientId);
    }

    @Override
    public Map<String, Object> getSession(String clientId) {
        return api().getSession(clientId);
    }

    @Override
    public int getClientIdCountByGroup(String group) {
        return api().getClientIdCountByGroup(group);
    }

    @Override
    public int getClientCountByGroup(String group) {
        return api().getClientCountByGroup(group);
    }

    @Override
    public int getAllClientIdCount() {
        return api().getAllClientIdCount();
    }

    @Override
    public int getAllClientCount() {
        return api().getAllClientCount();
    }

    @Override
    public Map<String, Integer> batchGetClientIdCountByGroup(Collection<String> groups) {
        return api().batchGetClientIdCountByGroup(groups);
    }

    @Override
    public Map<String, Map<String, Object>> getClientSessionsByGroup(String group) {
        return api().getClientSessionsByGroup(group);
    }

    @Override
    public Map<String, Map<String, Object>> getAllClientSessions() {
        return api().getAllClientSessions();
    }

    @Override
    public Set<String> getClientIdListByGroup(String group) {
        return api().getClientIdListByGroup(group);
    }

    @Override
    public Set<String> getAllClientIdList() {
        return api().getAllClientIdList();
    }

    @Override
    public Set<String> getUidListByGroup(String group) {
        return api().getUidListByGroup(group);
    }

    @Override
    public int getUidCountByGroup(String group) {
        return api().getUidCountByGroup(group);
    }

    @Override
    public Set<String> getAllUidList() {
        return api().getAllUidList();
    }

    @Override
    public int getAllUidCount() {
        return api().getAllUidCount();
    }

    @Override
    public Set<String> getAllGroupIdList() {
        return api().getAllGroupIdList();
    }

    @Override
    public Map<String, Set<String>> getAllGroupUidList() {
        return api().getAllGroupUidList();
    }

    @Override
    public Map<String, Integer> getAllGroupUidCount() {
        return api().getAllGroupUidCount();
    }

    @Override
    public Map<String, Set<String>> getAllGroupClientIdList() {
        return api().getAllGroupClientIdList();
    }

    @Override
    public Map<String, Integer> getAllGroupClientIdCount() {
        return api().getAllGroupClientIdCount();
    }
}
