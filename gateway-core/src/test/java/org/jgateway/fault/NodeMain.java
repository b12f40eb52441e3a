package org.jgateway.fault;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jgateway.gateway.ClientBacklogSampler;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.SlowConsumerPolicy;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JGateway role in its own JVM, for the fault tests:
 * <pre>
 * register --port P
 * gateway  --register H:P[,H:P] [--lan-ip IP] [--text-port P] [--inner-port P] [--send-buffer BYTES]
 *          [--worker-buffer BYTES] [--policy drop|close] [--hold-ms MS] [--sample-backlog-ms MS]
 * worker   --register H:P[,H:P] [--name W] [--delay-ms MS] [--concurrency N] [--max-pending N]
 * </pre>
 * Prints {@code READY <json>} with its bound ports once serving; on stdin {@code stats} prints {@code STATS <json>}.
 * SIGTERM closes the role gracefully through the shutdown hook, which prints {@code STOPPED} once everything is
 * closed.
 */
public final class NodeMain {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final EventLoopResources loops;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Supplier<Map<String, Object>> roleStats;

    private NodeMain(String role) {
        loops = EventLoopResources.create(2, role);
    }

    public static void main(String[] argv) throws Exception {
        NodeArgs args = new NodeArgs(argv);
        NodeMain node = new NodeMain(args.role());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            System.out.println("STOPPED");
            System.out.flush();
        }, "node-shutdown"));
        Map<String, Object> ready = node.start(args);
        print("READY", ready);
        node.serveCommands();
    }

    private Map<String, Object> start(NodeArgs args) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("pid", ProcessHandle.current().pid());
        switch (args.role()) {
            case "register" -> {
                RegisterServer register = new RegisterServer(RegisterOptions.builder().host("127.0.0.1")
                        .port(args.integer("port", 0)).build(), loops.borrowed());
                closeables.add(register);
                register.start();
                roleStats = () -> NodeStats.register(register);
                ready.put("port", register.port());
            }
            case "gateway" -> {
                GatewayServer gateway = new GatewayServer(gatewayOptions(args), loops.borrowed());
                closeables.add(gateway);
                gateway.start();
                int sampleMillis = args.integer("sample-backlog-ms", 0);
                if (sampleMillis > 0) {
                    ClientBacklogSampler sampler = ClientBacklogSampler.start(gateway.listeners().get(0),
                            Duration.ofMillis(sampleMillis));
                    closeables.add(sampler);
                    roleStats = () -> NodeStats.gateway(gateway, sampler);
                } else {
                    roleStats = () -> NodeStats.gateway(gateway, null);
                }
                ready.put("textPort", gateway.listeners().get(0).port());
                ready.put("innerPort", gateway.listeners().get(0).innerPort());
                ready.put("address", gateway.addresses().get(0));
            }
            case "worker" -> {
                String name = args.string("name", "W");
                WorkerOptions.Builder options = WorkerOptions.builder().name(name)
                        .cluster(ClusterConnectionOptions.builder().registerAddresses(args.list("register"))
                                .reconnectDelay(Duration.ofMillis(200)).build())
                        .stopTimeout(Duration.ofSeconds(10))
                        .concurrency(args.integer("concurrency", WorkerOptions.DEFAULT_CONCURRENCY))
                        .maxPendingEvents(args.integer("max-pending", WorkerOptions.DEFAULT_MAX_PENDING_EVENTS));
                BusinessWorker worker = new BusinessWorker(options.build(),
                        new EchoHandler(name, args.integer("delay-ms", 0)), loops.borrowed());
                closeables.add(worker);
                worker.start();
                roleStats = () -> NodeStats.worker(worker);
                ready.put("workerKey", worker.workerKey());
            }
            default -> throw new IllegalArgumentException("unknown role " + args.role());
        }
        return ready;
    }

    private static GatewayOptions gatewayOptions(NodeArgs args) {
        String lanIp = args.string("lan-ip", "127.0.0.1");
        return GatewayOptions.builder()
                .name("gateway")
                .lanIp(lanIp)
                .startPort(0)
                .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").host("127.0.0.1")
                        .port(args.integer("text-port", 0)).build(), args.integer("inner-port", 0))
                .cluster(ClusterConnectionOptions.builder().registerAddresses(args.list("register")).build())
                .sendToClientBufferSize(args.integer("send-buffer", GatewayOptions.DEFAULT_SEND_TO_CLIENT_BUFFER_SIZE))
                .sendToWorkerBufferSize(args.integer("worker-buffer", GatewayOptions.DEFAULT_SEND_TO_WORKER_BUFFER_SIZE))
                .slowConsumerPolicy(SlowConsumerPolicy.valueOf(args.string("policy", "drop").toUpperCase()))
                .holdTimeout(Duration.ofMillis(args.integer("hold-ms", 5000)))
                .build();
    }

    private void serveCommands() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "stats" -> {
                    Map<String, Object> stats = new LinkedHashMap<>(roleStats.get());
                    stats.putAll(NodeStats.memory());
                    print("STATS", stats);
                }
                default -> System.out.println("UNKNOWN " + line);
            }
        }
        // The test JVM went away without stopping us: do not linger as an orphan.
        System.exit(1);
    }

    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
        loops.close();
    }

    private static synchronized void print(String tag, Map<String, Object> values) {
        System.out.println(tag + ' ' + JSON.writeValueAsString(values));
        System.out.flush();
    }
}
