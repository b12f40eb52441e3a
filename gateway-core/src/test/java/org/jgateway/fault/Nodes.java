package org.jgateway.fault;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The processes one test started: registers, gateways and workers, each in its own JVM. Closing kills whatever is
 * still running, so a failed test leaves no process behind.
 */
final class Nodes implements AutoCloseable {

    private final String prefix;
    private final List<Node> started = new ArrayList<>();

    Nodes(String prefix) {
        this.prefix = prefix;
    }

    /** A register on an ephemeral port, or on {@code port} (a restart). */
    Node register(String name, int port) {
        return start(name, 0, List.of("register", "--port", String.valueOf(port)));
    }

    Node gateway(String name, Collection<Node> registers, String... options) {
        return gateway(name, 0, registers, options);
    }

    /** A gateway with one text listener; with {@code fileLimit > 0} under {@code ulimit -n fileLimit}. */
    Node gateway(String name, int fileLimit, Collection<Node> registers, String... options) {
        List<String> args = new ArrayList<>(List.of("gateway", "--register", addresses(registers)));
        args.addAll(List.of(options));
        return start(name, fileLimit, args);
    }

    /** A worker named {@code name}: its replies are stamped with it. */
    Node worker(String name, Collection<Node> registers, String... options) {
        List<String> args = new ArrayList<>(List.of("worker", "--name", name, "--register", addresses(registers)));
        args.addAll(List.of(options));
        return start(name, 0, args);
    }

    private Node start(String name, int fileLimit, List<String> args) {
        Node node = Node.start(prefix + "-" + name + "-" + started.size(), fileLimit, args);
        started.add(node);
        return node;
    }

    static String addresses(Collection<Node> registers) {
        List<String> list = new ArrayList<>();
        for (Node r : registers) {
            list.add("127.0.0.1:" + r.port("port"));
        }
        return String.join(",", list);
    }

    /** Waits until every worker is connected to every gateway and every gateway sees every worker. */
    static void awaitMesh(Collection<Node> gateways, Collection<Node> workers) {
        await().atMost(FaultTestSupport.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                gateways.stream().allMatch(g -> g.stat("workers") == workers.size())
                        && workers.stream().allMatch(w -> ((List<?>) w.stats().get("connectedGateways")).size()
                        == gateways.size()));
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
