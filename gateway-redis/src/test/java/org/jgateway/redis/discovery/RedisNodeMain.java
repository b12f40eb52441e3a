package org.jgateway.redis.discovery;

import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeSet;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.redis.RedisConnections;
import org.jgateway.redis.RedisKeys;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerOptions;

/**
 * A gateway or a business worker of the redis engine in its own JVM, with no register anywhere:
 * {@code gateway|worker <redis port> <prefix>}. A gateway prints {@code READY <text port> <inner address>}; a worker
 * (it echoes every message as {@code echo:<message>}) prints {@code READY} and answers {@code known} on stdin with
 * {@code KNOWN <gateway addresses>}.
 */
public final class RedisNodeMain {

    public static void main(String[] args) throws Exception {
        String role = args[0];
        EventLoopResources loops = EventLoopResources.create(2, role);
        RedisConnections redis = RedisConnections.standalone(RedisURI.create("127.0.0.1", Integer.parseInt(args[1])),
                Duration.ofSeconds(5));
        RedisDiscovery discovery = RedisDiscovery.builder(redis).keys(new RedisKeys(args[2])).build();
        // The default register address: nothing listens there, nothing connects there.
        ClusterConnectionOptions cluster = ClusterConnectionOptions.defaults();
        if (role.equals("gateway")) {
            GatewayServer gateway = new GatewayServer(GatewayOptions.builder()
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                    .startPort(0).cluster(cluster).build(), loops.borrowed(), new InJvmGateways(), discovery);
            gateway.start();
            System.out.println("READY " + gateway.listener("text").port() + " " + gateway.addresses().get(0));
            System.out.flush();
            Thread.currentThread().join();
        }
        BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name("Echo").cluster(cluster).build(),
                (ctx, message) -> ctx.api().sendToCurrentClient("echo:" + new String(message, StandardCharsets.UTF_8)),
                loops.borrowed(), new InJvmGateways(), discovery);
        worker.start();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("known")) {
                System.out.println("KNOWN " + String.join(",", new TreeSet<>(worker.knownGateways())));
                System.out.flush();
            }
        }
    }
}
