package org.jgateway.bench.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.jgateway.bench.Args;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.InJvmGateways;
import org.jgateway.gateway.ListenerStatus;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.samples.demo.ReferenceEvents;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.DeliveryGuarantee;
import org.jgateway.worker.WorkerOptions;

/**
 * {@code server}: the reference app with a chosen subset of roles in this process, so that gateway and worker can
 * run in separate JVMs (or several gateways beside one worker) with the demo's defaults.
 * <p>
 * Ports may be 0 (ephemeral). Options: {@code --roles register,gateway,worker} (default all), {@code --host 127.0.0.1 --ws-port 7272
 * --text-port 8282 --inner-ws-port 2900 --inner-text-port 3900 --lan-ip 127.0.0.1 (the gateway's address for workers,
 * packed into client_ids; its inner ports listen there, so gateways on distinct loopback addresses stand in for
 * distinct hosts) --register-port 1236
 * --register 127.0.0.1:&lt;register-port&gt; --threads 0 (event loops, 0 = one per two cores) --name Bench
 * --run-on-event-loop} (handlers on the event loop that delivered the event: {@code WorkerOptions.runOnEventLoop}),
 * {@code --delivery at-least-once|at-most-once} ({@code WorkerOptions.delivery})
 * {@code --listeners ws,text} (the gateway's client listeners; each one is a gateway address of its own for workers
 * and senders) {@code --engine register|redis --redis host:port} (the cluster engine, see {@link BenchEngine}: with
 * {@code redis} no register is used).
 */
public final class RoleLauncher implements AutoCloseable {

    private final EventLoopResources loops;
    /** Closed last: the roles' Redis connection, if any. */
    private BenchEngine engine;
    private final List<AutoCloseable> started = new ArrayList<>();
    private RegisterServer register;
    private GatewayServer gateway;
    private BusinessWorker worker;

    private RoleLauncher(EventLoopResources loops) {
        this.loops = loops;
    }

    public static RoleLauncher start(Args args) {
        Set<String> roles = Set.of(args.string("roles", "register,gateway,worker").split(","));
        String host = args.string("host", "127.0.0.1");
        int registerPort = args.integer("register-port", 1236);
        String registerOption = args.string("register", null);
        int wsPort = args.integer("ws-port", 7272);
        int textPort = args.integer("text-port", 8282);
        int innerWs = args.integer("inner-ws-port", 2900);
        int innerText = args.integer("inner-text-port", 3900);
        String lanIp = args.string("lan-ip", GatewayOptions.DEFAULT_LAN_IP);
        int threads = args.integer("threads", 0);
        String name = args.string("name", "Bench");
        boolean onEventLoop = args.flag("run-on-event-loop");
        Set<String> listeners = Set.of(args.string("listeners", "ws,text").split(","));
        if (!Set.of("ws", "text").containsAll(listeners)) {
            throw new IllegalArgumentException("--listeners takes ws and/or text, got " + listeners);
        }
        DeliveryGuarantee delivery = DeliveryGuarantee.valueOf(
                args.string("delivery", "at-least-once").toUpperCase(Locale.ROOT).replace('-', '_'));

        RoleLauncher launcher = new RoleLauncher(EventLoopResources.create(threads, "jgateway"));
        try {
            String registerAddress = registerOption != null ? registerOption : "127.0.0.1:" + registerPort;
            // With both roles here, the worker attaches to the gateway in memory (as the starter does).
            InJvmGateways inJvmGateways = new InJvmGateways();
            if (roles.contains("register")) {
                RegisterServer register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(registerPort)
                        .build(), launcher.loops.borrowed());
                register.start();
                launcher.started.add(0, register);
                launcher.register = register;
                if (registerOption == null) {
                    registerAddress = "127.0.0.1:" + register.port(); // the actual port when 0 asked for an ephemeral one
                }
            }
            ClusterConnectionOptions cluster = ClusterConnectionOptions.builder().registerAddresses(registerAddress)
                    .build();
            launcher.engine = BenchEngine.from(args, cluster);
            args.rejectUnknown();
            if (roles.contains("gateway")) {
                GatewayOptions.Builder options = GatewayOptions.builder().name(name + "Gateway").lanIp(lanIp)
                        .cluster(cluster);
                if (listeners.contains("ws")) {
                    options.listener(ListenerOptions.builder(ClientProtocol.WEBSOCKET).name("websocket")
                            .host(host).port(wsPort).build(), innerWs);
                }
                if (listeners.contains("text")) {
                    options.listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text")
                            .host(host).port(textPort).build(), innerText);
                }
                if (launcher.engine.indexSync() != null) {
                    options.indexSync(launcher.engine.indexSync());
                }
                GatewayServer gateway = new GatewayServer(options.build(), launcher.loops.borrowed(), inJvmGateways,
                        launcher.engine.discovery());
                gateway.start();
                launcher.started.add(0, gateway);
                launcher.gateway = gateway;
            }
            if (roles.contains("worker")) {
                BusinessWorker worker = new BusinessWorker(WorkerOptions.builder().name(name + "Worker")
                        .cluster(cluster).api(launcher.engine.api()).runOnEventLoop(onEventLoop).delivery(delivery)
                        .build(), new ReferenceEvents(), launcher.loops.borrowed(), inJvmGateways,
                        launcher.engine.discovery());
                worker.start();
                launcher.started.add(0, worker);
                launcher.worker = worker;
            }
        } catch (RuntimeException e) {
            launcher.close();
            throw e;
        }
        return launcher;
    }

    /** The register's port (the actual one when 0 was asked for); -1 without a register role. */
    public int registerPort() {
        return register == null ? -1 : register.port();
    }

    /** The WebSocket listener's port (the actual one when 0 was asked for); -1 without a gateway role. */
    public int wsPort() {
        return port("websocket");
    }

    /** The text listener's port; -1 without a gateway role or that listener. */
    public int textPort() {
        return port("text");
    }

    private int port(String listener) {
        if (gateway == null) {
            return -1;
        }
        return gateway.listeners().stream().filter(l -> l.name().equals(listener)).mapToInt(ListenerStatus::port)
                .findFirst().orElse(-1);
    }

    /**
     * Waits until this process's worker is connected to at least {@code gateways} gateway listeners (clients that
     * connect earlier wait for it); true at once without a worker role.
     */
    public boolean awaitWorker(int gateways, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (worker != null && worker.connectedGateways().size() < gateways) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Starts the roles, prints the pid, and runs until the JVM is stopped. */
    public static void main(Args args) throws InterruptedException {
        RoleLauncher launcher = start(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.close();
            stopped.countDown();
        }, "bench-server-shutdown"));
        System.out.println("JGateway bench server up, pid " + ProcessHandle.current().pid()
                + ", transport " + launcher.loops.transport().name());
        stopped.await();
    }

    @Override
    public void close() {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("close failed: " + e);
            }
        }
        started.clear();
        if (engine != null) {
            engine.close();
        }
        loops.close();
    }
}
