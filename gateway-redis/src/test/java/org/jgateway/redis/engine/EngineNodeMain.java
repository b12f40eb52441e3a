package org.jgateway.redis.engine;

import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.redis.RedisConnections;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.jgateway.worker.WorkerOptions;

/**
 * A gateway or a business worker on the redis engine, in its own JVM, for {@link RedisEngineMultiJvmIT}:
 * <pre>
 * gateway REGISTER_PORT REDIS_PORT PREFIX TTL_MS   prints "READY textPort innerAddress"
 * worker  REGISTER_PORT REDIS_PORT PREFIX TTL_MS   prints "READY"
 * </pre>
 * The worker tells each client its client_id on connect and runs the client's lines {@code bind U},
 * {@code join G} (answering {@code ok U|G} once the call returned) and {@code touid U M} / {@code togroup G M}.
 * It exits when stdin closes.
 */
public final class EngineNodeMain {

    private EngineNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder()
                .registerAddresses("127.0.0.1:" + args[1]).reconnectDelay(Duration.ofMillis(200)).build();
        RedisEngineOptions options = RedisEngineOptions.builder().prefix(args[3])
                .presenceTtl(Duration.ofMillis(Long.parseLong(args[4]))).build();
        RedisConnections connection = RedisConnections.standalone(
                RedisURI.create("127.0.0.1", Integer.parseInt(args[2])), Duration.ofSeconds(1));
        EventLoopResources loops = EventLoopResources.create(2, role);
        AutoCloseable running;
        if (role.equals("gateway")) {
            RedisIndexSync sync = new RedisIndexSync(connection, options);
            GatewayServer gateway = new GatewayServer(GatewayOptions.builder().name("gw").lanIp("127.0.0.1")
                    .startPort(0)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").host("127.0.0.1").port(0)
                            .build(), 0)
                    .cluster(cluster).indexSync(sync).build(), loops.borrowed());
            gateway.start();
            running = () -> {
                gateway.close();
                sync.close();
            };
            System.out.println("READY " + gateway.listeners().get(0).port() + " " + gateway.addresses().get(0));
        } else {
            BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("W").cluster(cluster)
                    .api(GatewayApiOptions.builder()
                            .broker(new RedisBroker(connection, options)).build())
                    .build(), new Commands(), loops.borrowed());
            worker.start();
            running = worker;
            System.out.println("READY");
        }
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (stdin.readLine() != null) {
            // runs until the test closes stdin
        }
        running.close();
        connection.close();
        loops.close();
    }

    /** The clients' commands, run through the worker's Gateway API. */
    private static final class Commands implements WorkerEventHandler {

        @Override
        public void onConnect(EventContext context) {
            context.api().sendToClient(context.clientId(), context.clientId());
        }

        @Override
        public void onMessage(EventContext context, byte[] message) {
            String[] words = new String(message, StandardCharsets.UTF_8).trim().split(" ", 3);
            switch (words[0]) {
                case "bind" -> {
                    context.api().bindUid(context.clientId(), words[1]);
                    context.api().sendToClient(context.clientId(), "ok " + words[1]);
                }
                case "join" -> {
                    context.api().joinGroup(context.clientId(), words[1]);
                    context.api().sendToClient(context.clientId(), "ok " + words[1]);
                }
                case "touid" -> context.api().sendToUid(words[1], words[2]);
                case "togroup" -> context.api().sendToGroup(words[1], words[2]);
                default -> context.api().sendToClient(context.clientId(), "unknown " + words[0]);
            }
        }
    }
}
