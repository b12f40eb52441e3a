package org.jgateway.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jgateway.engine.IndexSyncStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ClusterStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.EngineRouting;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.GatewayStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.GlobalStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.HistoryStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ListenerCounters;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.ListenerDescriptor;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.MemoryStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.RegisterStatus;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.WorkerCounters;
import org.jgateway.spring.actuate.GatewayStatusDescriptor.WorkerStatus;
import org.jgateway.spring.actuate.GatewayStatusText;
import org.junit.jupiter.api.Test;

class GatewayStatusTextTest {

    private static final Instant START = Instant.parse("2026-11-21T09:09:00Z");

    @Test
    void rendersWorkermansLayout() {
        String text = GatewayStatusText.render(status(1, 1), ZoneOffset.UTC);
        List<String> lines = text.lines().toList();

        assertThat(lines.get(0)).contains("GLOBAL STATUS").startsWith("---").endsWith("---");
        assertThat(lines.get(1)).startsWith("JGateway/1.2.3").contains("Java/17.0.9 (Acme)", "Linux/6.1 amd64",
                "Netty/4.2.15.Final");
        assertThat(lines.get(2)).startsWith("start time:2026-11-21 09:09:00   run 1 days 2 hours 3 minutes")
                .contains("load average: 1.50");
        assertThat(lines.get(3)).contains("heap 64.00M used / 128.00M committed / 1024.00M max", "direct 2.00M",
                "PooledByteBufAllocator 4.00M direct 0.00M heap");
        assertThat(lines.get(4)).isEqualTo("1 registers    1 gateway listeners    1 workers");
        assertThat(lines.get(5)).isEqualTo("cluster engine: redis   commands routed 7, broadcast 3, store failures 3"
                + "   listeners announced 1, clients indexed 4, rebuilds 2, write failures 1");
        assertThat(lines.get(6)).isEqualTo(
                "events to workers that went away: redelivered 4, lost 1   not kept (buffer full) 2");
        assertThat(lines.get(7)).isEqualTo("stalled peers closed: workers 3, gateways 5, registers 13");
        lines = new ArrayList<>(lines);
        lines.remove(5);
        lines.remove(5);
        lines.remove(5);
        assertThat(lines.get(5)).contains("PROCESS STATUS");
        assertThat(lines.get(6).split(" +")).containsExactly("role", "listening", "name", "connections", "send_fail",
                "total_request", "qps", "peers", "status");
        assertThat(lines.get(7).split(" +")).containsExactly("Register", "text://127.0.0.1:1236", "Register", "3",
                "0", "6", "0", "gateways=1", "workers=1", "[ok]");
        assertThat(lines.get(8).split(" +")).containsExactly("Gateway", "text://127.0.0.1:7272", "text", "3", "2",
                "19", "1.5", "workers=1", "registers=1", "[ok]");
        assertThat(lines.get(9).split(" +")).containsExactly("Worker", "none", "BusinessWorker", "2", "0", "15",
                "12", "gateways=1/1", "registers=1", "[ok]");
        assertThat(lines.get(10).split(" +")).containsExactly("Summary", "-", "-", "8", "2", "40", "14", "-",
                "[Summary]");
        assertThat(lines).hasSize(11);
        // Columns line up: every value starts where its header does.
        int listening = lines.get(6).indexOf("listening");
        assertThat(lines.subList(7, 11)).allSatisfy(line -> assertThat(line.charAt(listening - 1)).isEqualTo(' '))
                .allSatisfy(line -> assertThat(line.charAt(listening)).isNotEqualTo(' '));
    }

    @Test
    void showsWhatARoleMisses() {
        String text = GatewayStatusText.render(status(0, 0), ZoneOffset.UTC);

        assertThat(text).contains("[no register]").contains("workers=0 registers=0");
        assertThat(text.lines().filter(line -> line.startsWith("Worker"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith("[no register]"));
    }

    @Test
    void showsTheRedisEngineAndItsConnection() {
        String text = GatewayStatusText.render(status(1, 1, new ClusterStatus("redis", "disconnected"), false),
                ZoneOffset.UTC);
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).startsWith(
                "cluster engine: redis   redis: disconnected   commands routed 7"));
        assertThat(text.lines().filter(line -> line.startsWith("Gateway") || line.startsWith("Worker")))
                .hasSize(2).allSatisfy(line -> assertThat(line).endsWith("[no redis]"));
        String connected = GatewayStatusText.render(status(1, 1, new ClusterStatus("redis", "connected"), true),
                ZoneOffset.UTC);
        assertThat(connected.lines()).anySatisfy(line -> assertThat(line).startsWith(
                "cluster engine: redis   redis: connected   commands routed 7"));
        assertThat(connected.lines().filter(line -> line.startsWith("Worker"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith("[ok]"));
    }

    @Test
    void historyHasALineOfItsOwnWhenAStreamKeepsIt() {
        assertThat(GatewayStatusText.render(status(1, 1), ZoneOffset.UTC)).doesNotContain("history:");
        String text = GatewayStatusText.render(status(1, 1, ClusterStatus.REGISTER, true,
                new HistoryStatus("redis", 40, 0, 2, 1, 0, 5, 1)), ZoneOffset.UTC);
        assertThat(text.lines()).contains("history: redis   appended 40, removed 0, failures 2 append / 1 read"
                + "   recoveries 5 complete / 1 incomplete");
        text = GatewayStatusText.render(status(1, 1, ClusterStatus.REGISTER, true,
                new HistoryStatus("memory", 40, 3, 0, 0, 2L << 20, 5, 0)), ZoneOffset.UTC);
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).startsWith("history: memory   appended 40, removed 3")
                .endsWith("memory 2.00M"));
    }

    private static GatewayStatusDescriptor status(int workers, int gateways) {
        return status(workers, gateways, ClusterStatus.REGISTER, workers != 0);
    }

    private static GatewayStatusDescriptor status(int workers, int gateways, ClusterStatus cluster,
            boolean discoveryConnected) {
        return status(workers, gateways, cluster, discoveryConnected, null);
    }

    private static GatewayStatusDescriptor status(int workers, int gateways, ClusterStatus cluster,
            boolean discoveryConnected, HistoryStatus history) {
        int registers = workers == 0 ? 0 : 1;
        MemoryStatus memory = new MemoryStatus(64L << 20, 128L << 20, 1024L << 20, 10L << 20, 2L << 20, 1L << 30,
                0, "PooledByteBufAllocator", 4L << 20, 0);
        GlobalStatus global = new GlobalStatus("1.2.3", "4.2.15.Final", "17.0.9 (Acme)", "Linux/6.1 amd64", START,
                86_400 + 2 * 3_600 + 3 * 60 + 4, 1.5, 2, memory);
        RegisterStatus register = new RegisterStatus("text://127.0.0.1:1236", true, 3, 1, List.of("127.0.0.1:2000"),
                1, 6, 0, 0, 0, 0);
        ListenerCounters listenerCounters = new ListenerCounters(1, 10, 100, 12, 8, 1, 0, 9, 0, 0, 0, 0, 2, 0, 0, 0,
                0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 4, 2, 3);
        ListenerDescriptor listener = new ListenerDescriptor("text", "text", false, "text://127.0.0.1:7272",
                "127.0.0.1:2000", START, 10, 2, workers, List.of("127.0.0.1:W:1"), 0, 19, 1.5, 2,
                listenerCounters);
        WorkerCounters workerCounters = new WorkerCounters(15, 15, 0, 0, 0, 0, 0, 0, 5, 6, 0.1);
        WorkerStatus worker = new WorkerStatus("BusinessWorker", "BusinessWorker:1", START, 10, registers,
                discoveryConnected, gateways, gateways, List.of("127.0.0.1:2000"), 0, 15, 12.4, 0, workerCounters,
                new EngineRouting("redis", 7, 3, 1, 1, 1));
        return new GatewayStatusDescriptor(global, List.of(register),
                List.of(new GatewayStatus("Gateway", registers, List.of("127.0.0.1:1236"), discoveryConnected, 7,
                        List.of(listener), new IndexSyncStatus("redis", 1, 2, 1, 4))),
                List.of(worker), cluster, history);
    }
}
