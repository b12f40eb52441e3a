package org.jgateway.spring.actuate;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.GatewayStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.GlobalStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.HistoryStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ListenerDescriptor;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.MemoryStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.RegisterStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.WorkerStatus;

/**
 * Renders a {@link GatewayStatusDescriptor} laid out like workerman's {@code php start.php status}: a GLOBAL STATUS
 * header, then one PROCESS STATUS row per register, gateway listener and business worker, and a Summary row.
 * Workerman's {@code pid}, {@code memory} and {@code timers} columns have no per-role meaning in one JVM: memory is
 * shown once in the header, and a {@code peers} column shows who each role is connected to instead.
 */
public final class GatewayStatusText {

    static final String[] HEADERS = {"role", "listening", "name", "connections", "send_fail", "total_request", "qps",
            "peers", "status"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int MIN_WIDTH = 100;

    private GatewayStatusText() {
    }

    /** The status table, times in {@code zone}. */
    public static String render(GatewayStatusDescriptor status, ZoneId zone) {
        List<String[]> rows = rows(status);
        int[] widths = widths(rows);
        int width = Math.max(MIN_WIDTH, sum(widths));
        StringBuilder out = new StringBuilder();
        out.append(banner("GLOBAL STATUS", width));
        global(out, status, zone);
        out.append(banner("PROCESS STATUS", width));
        for (String[] row : rows) {
            out.append(line(row, widths));
        }
        return out.toString();
    }

    private static void global(StringBuilder out, GatewayStatusDescriptor status, ZoneId zone) {
        GlobalStatus global = status.global();
        out.append(String.format(Locale.ROOT, "%-24s%-40s%-30s%s\n", "JGateway/" + global.version(),
                "Java/" + global.java(), global.os(), "Netty/" + global.nettyVersion()));
        String load = global.loadAverage() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", global.loadAverage());
        out.append("start time:").append(TIME.format(global.startTime().atZone(zone))).append("   run ")
                .append(uptime(global.uptimeSeconds())).append("   load average: ").append(load).append("   ")
                .append(global.processors()).append(" processors").append('\n');
        MemoryStatus memory = global.memory();
        out.append("memory: heap ").append(mib(memory.heapUsed())).append(" used / ")
                .append(mib(memory.heapCommitted())).append(" committed / ")
                .append(memory.heapMax() < 0 ? "no" : mib(memory.heapMax())).append(" max   direct ")
                .append(mib(memory.directUsed() >= 0 ? memory.directUsed() : memory.jvmDirectUsed())).append("   ")
                .append(memory.allocator());
        if (memory.allocatorDirectUsed() >= 0) {
            out.append(' ').append(mib(memory.allocatorDirectUsed())).append(" direct ")
                    .append(mib(memory.allocatorHeapUsed())).append(" heap");
        }
        out.append('\n');
        int listeners = status.gateways().stream().mapToInt(g -> g.listeners().size()).sum();
        out.append(String.format(Locale.ROOT, "%d registers    %d gateway listeners    %d workers\n",
                status.registers().size(), listeners, status.workers().size()));
        engine(status, out);
        delivery(status, out);
        stalledPeers(status, out);
        history(status, out);
    }

    /**
     * One line for the events the gateways sent to workers that went away: sent again, lost (counted), not kept
     * while the unconfirmed-events buffer was full.
     */
    private static void delivery(GatewayStatusDescriptor status, StringBuilder out) {
        List<ListenerDescriptor> listeners = status.gateways().stream().flatMap(g -> g.listeners().stream()).toList();
        if (listeners.isEmpty()) {
            return;
        }
        long redelivered = listeners.stream().mapToLong(l -> l.counters().eventsRedelivered()).sum();
        long lost = listeners.stream().mapToLong(l -> l.counters().eventsLostWithWorker()
                + l.counters().eventsDroppedWorkerClosed()).sum();
        long notKept = listeners.stream().mapToLong(l -> l.counters().eventsNotKept()).sum();
        out.append(String.format(Locale.ROOT,
                "events to workers that went away: redelivered %d, lost %d   not kept (buffer full) %d\n",
                redelivered, lost, notKept));
    }

    /**
     * One line for the links this process closed because the peer at the other end sent nothing for the peer timeout
     * (stopped, frozen, cut off), by the kind of peer.
     */
    private static void stalledPeers(GatewayStatusDescriptor status, StringBuilder out) {
        if (status.gateways().isEmpty() && status.workers().isEmpty()) {
            return;
        }
        long workers = status.gateways().stream().flatMap(g -> g.listeners().stream())
                .mapToLong(l -> l.counters().workersStalled()).sum();
        long gateways = status.workers().stream().mapToLong(w -> w.counters().gatewaysStalled()).sum();
        long registers = status.gateways().stream().mapToLong(GatewayStatus::registersStalled).sum()
                + status.workers().stream().mapToLong(w -> w.counters().registersStalled()).sum();
        out.append(String.format(Locale.ROOT, "stalled peers closed: workers %d, gateways %d, registers %d\n", workers,
                gateways, registers));
    }

    /** One line for history: what the store kept and failed to, how recoveries went. */
    private static void history(GatewayStatusDescriptor status, StringBuilder out) {
        HistoryStatus history = status.history();
        if (history == null) {
            return;
        }
        out.append(String.format(Locale.ROOT, "history: %s   appended %d, removed %d, failures %d append / %d read"
                + "   recoveries %d complete / %d incomplete", history.store(), history.appended(), history.removed(),
                history.appendFailures(), history.readFailures(), history.recoveriesComplete(),
                history.recoveriesIncomplete()));
        if (history.memoryUsed() > 0) {
            out.append("   memory ").append(mib(history.memoryUsed()));
        }
        out.append('\n');
    }

    /** One line for the cluster engine: where the workers' commands went, what the gateways keep in its store. */
    private static void engine(GatewayStatusDescriptor status, StringBuilder out) {
        String engine = Stream.concat(status.gateways().stream().map(g -> g.engine().engine()),
                status.workers().stream().map(w -> w.engine().engine())).distinct().collect(Collectors.joining("/"));
        if (engine.isEmpty()) {
            return;
        }
        out.append("cluster engine: ").append(engine);
        if (status.cluster().redis() != null) {
            out.append("   redis: ").append(status.cluster().redis());
        }
        if (!status.workers().isEmpty()) {
            long routed = status.workers().stream().mapToLong(w -> w.engine().routed()).sum();
            long broadcast = status.workers().stream().mapToLong(w -> w.engine().broadcast()).sum();
            long fallbacks = status.workers().stream().mapToLong(w -> w.engine().routingFallbacks()
                    + w.engine().presenceFallbacks() + w.engine().membershipWriteFailures()).sum();
            out.append(String.format(Locale.ROOT, "   commands routed %d, broadcast %d, store failures %d", routed,
                    broadcast, fallbacks));
        }
        if (!status.gateways().isEmpty()) {
            int announced = status.gateways().stream().mapToInt(g -> g.engine().announcedGateways()).sum();
            long indexed = status.gateways().stream().mapToLong(g -> g.engine().indexedClients()).sum();
            long rebuilds = status.gateways().stream().mapToLong(g -> g.engine().rebuilds()).sum();
            long failures = status.gateways().stream().mapToLong(g -> g.engine().writeFailures()).sum();
            out.append(String.format(Locale.ROOT,
                    "   listeners announced %d, clients indexed %d, rebuilds %d, write failures %d", announced, indexed,
                    rebuilds, failures));
        }
        out.append('\n');
    }

    private static List<String[]> rows(GatewayStatusDescriptor status) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        long connections = 0;
        long sendFailures = 0;
        long requests = 0;
        double qps = 0;
        for (RegisterStatus r : status.registers()) {
            rows.add(row("Register", r.listening(), "Register", r.connections(), 0, r.totalRequests(), r.qps(),
                    "gateways=" + r.gatewayAddresses().size() + " workers=" + r.workerConnections(),
                    r.running() ? "ok" : "stopped"));
            connections += r.connections();
            requests += r.totalRequests();
            qps += r.qps();
        }
        for (GatewayStatus g : status.gateways()) {
            for (ListenerDescriptor l : g.listeners()) {
                int listenerConnections = l.clients() + l.workersConnected();
                String state = !g.discoveryConnected() ? noDiscovery(status) : l.workersConnected() == 0
                        ? "no worker" : "ok";
                rows.add(row("Gateway", l.listening(), l.name(), listenerConnections, l.sendFailures(),
                        l.totalRequests(), l.qps(), "workers=" + l.workersConnected() + " registers="
                                + g.registersConnected(), state));
                connections += listenerConnections;
                sendFailures += l.sendFailures();
                requests += l.totalRequests();
                qps += l.qps();
            }
        }
        for (WorkerStatus w : status.workers()) {
            int workerConnections = w.gatewaysConnected() + w.registersConnected();
            String state = !w.discoveryConnected() ? noDiscovery(status) : w.gatewaysConnected() == 0
                    ? "no gateway" : "ok";
            rows.add(row("Worker", "none", w.name(), workerConnections, w.sendFailures(), w.totalRequests(), w.qps(),
                    "gateways=" + w.gatewaysConnected() + "/" + w.gatewaysKnown() + " registers="
                            + w.registersConnected(), state));
            connections += workerConnections;
            sendFailures += w.sendFailures();
            requests += w.totalRequests();
            qps += w.qps();
        }
        rows.add(row("Summary", "-", "-", connections, sendFailures, requests, qps, "-", "Summary"));
        return rows;
    }

    /** The state of a role that cannot reach where gateways are announced. */
    private static String noDiscovery(GatewayStatusDescriptor status) {
        return status.cluster().redis() == null ? "no register" : "no redis";
    }

    private static String[] row(String role, String listening, String name, long connections, long sendFailures,
            long requests, double qps, String peers, String state) {
        return new String[] {role, listening, name, Long.toString(connections), Long.toString(sendFailures),
                Long.toString(requests), qps(qps), peers, "[" + state + "]"};
    }

    private static String qps(double qps) {
        // Whole numbers as workerman prints them; one decimal keeps a trickle of traffic from showing as 0.
        return qps >= 10 || qps == 0 ? Long.toString(Math.round(qps)) : String.format(Locale.ROOT, "%.1f", qps);
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length() + 1);
            }
        }
        return widths;
    }

    private static int sum(int[] widths) {
        int sum = 0;
        for (int w : widths) {
            sum += w;
        }
        return sum;
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(row[i]);
            if (i < row.length - 1) {
                line.append(" ".repeat(widths[i] - row[i].length()));
            }
        }
        return line.append('\n').toString();
    }

    private static String banner(String title, int width) {
        int left = (width - title.length()) / 2;
        return "-".repeat(left) + title + "-".repeat(Math.max(0, width - left - title.length()))
                + '\n';
    }

    private static String uptime(long seconds) {
        return String.format(Locale.ROOT, "%d days %d hours %d minutes", seconds / 86_400, seconds / 3_600 % 24,
                seconds / 60 % 60);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2fM", bytes / (1024.0 * 1024.0));
    }
}
