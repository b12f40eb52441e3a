package org.jgateway.samples.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.concurrent.atomic.AtomicLong;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.client.GatewayApi;
import org.jgateway.spring.annotation.ClientId;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.annotation.OnConnect;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.spring.annotation.OnWorkerStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business logic of the cluster: every reply names the worker that produced it, so you can watch clients being
 * spread over the workers and moving to another one when theirs stops.
 * <ul>
 * <li>on connect: {@code {"type":"welcome","client_id":...,"worker":...}};</li>
 * <li>{@code {"type":"join","group":"lobby"}}: joins the group, answers {@code {"type":"joined",...}};</li>
 * <li>{@code {"type":"say","group":"lobby","msg":"hi"}}: sends {@code {"type":"say","from":...,"msg":...}} to the
 * group, whichever workers its members are bound to;</li>
 * <li>anything else: {@code {"type":"echo","msg":...,"worker":...}}.</li>
 * </ul>
 */
@GatewayEventHandler
public class ClusterEvents {

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    private final String worker;
    private final AtomicLong echoed = new AtomicLong();

    public ClusterEvents(GatewayProperties properties) {
        this.worker = properties.getWorker().getName();
    }

    @OnConnect
    public Welcome welcome(@ClientId String clientId) {
        return new Welcome(clientId, worker);
    }

    @OnMessage(type = "join")
    public Joined join(JoinRequest request, @ClientId String clientId, GatewayApi api) {
        api.joinGroup(clientId, request.group());
        return new Joined(request.group(), worker);
    }

    @OnMessage(type = "say")
    public void say(SayRequest request, @ClientId String clientId, GatewayApi api) {
        api.sendToGroup(request.group(), new Said(request.group(), clientId, request.msg(), worker));
    }

    @OnMessage
    public Echo echo(String message) {
        echoed.incrementAndGet();
        return new Echo(message, worker);
    }

    /** Runs after the events this worker had received were handled: proof of a graceful leave in the logs. */
    @OnWorkerStop
    public void stopped() {
        log.info("Worker '{}' left the cluster after echoing {} message(s)", worker, echoed.get());
    }

    /** Sent to a client once connected; {@code client_id} is what a web application binds to a user. */
    public record Welcome(String type, @JsonProperty("client_id") String clientId, String worker) {
        Welcome(String clientId, String worker) {
            this("welcome", clientId, worker);
        }
    }

    /** {@code {"type":"join","group":...}}. */
    public record JoinRequest(String group) {
    }

    /** {@code {"type":"say","group":...,"msg":...}}. */
    public record SayRequest(String group, String msg) {
    }

    /** The answer to a join. */
    public record Joined(String type, String group, String worker) {
        Joined(String group, String worker) {
            this("joined", group, worker);
        }
    }

    /** What the members of a group receive. */
    public record Said(String type, String group, String from, String msg, String worker) {
        Said(String group, String from, String msg, String worker) {
            this("say", group, from, msg, worker);
        }
    }

    /** The answer to any other message. */
    public record Echo(String type, String msg, String worker) {
        Echo(String msg, String worker) {
            this("echo", msg, worker);
        }
    }
}
