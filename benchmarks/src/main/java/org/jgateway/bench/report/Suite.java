package org.jgateway.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jgateway.bench.Args;
import org.jgateway.bench.scenario.ChurnScenario;
import org.jgateway.bench.scenario.ConnsScenario;
import org.jgateway.bench.scenario.EchoScenario;
import org.jgateway.bench.scenario.FanoutScenario;
import org.jgateway.bench.scenario.Scenario;

/**
 * {@code suite}: every scenario of the target table against one server, each run {@code --runs} times,
 * printed as a Markdown table of medians.
 * <p>
 * Options: {@code --ws ws://127.0.0.1:7272/ --text tcp://127.0.0.1:8282 --pid <server pid> --runs 3
 * --conns 10000 (idle connections per conns run) --only echo,latency,fanout,churn,conns --warmup s --duration s
 * ({@code fanout10k}, not in the default set: 10,000 subscribers of one group, 10 say/s, the same 100k deliveries/s)
 * (override the scenarios' defaults) --quick (1 s warm-up, 2 s measured: a smoke run)}.
 */
public final class Suite {

    private record Entry(String key, String label, Scenario scenario, Args args) {
    }

    private Suite() {
    }

    public static List<Result> run(Args args) throws Exception {
        String ws = args.string("ws", "ws://127.0.0.1:7272/");
        String text = args.string("text", "tcp://127.0.0.1:8282");
        String pid = args.string("pid", "0");
        int runs = args.integer("runs", 3);
        String conns = args.string("conns", "10000");
        Set<String> only = Set.of(args.string("only", "echo,latency,fanout,churn,conns").split(","));
        boolean quick = args.flag("quick");
        String warmup = args.string("warmup", quick ? "1" : null);
        String duration = args.string("duration", quick ? "2" : null);
        args.rejectUnknown();

        List<String> timingList = new ArrayList<>();
        if (warmup != null) {
            timingList.addAll(List.of("warmup", warmup));
        }
        if (duration != null) {
            timingList.addAll(List.of("duration", duration));
        }
        String[] timing = timingList.toArray(new String[0]);
        List<Entry> entries = new ArrayList<>();
        entries.add(entry("echo", "echo ws 100x10 64B", new EchoScenario(), timing,
                "target", ws, "pid", pid, "conns", "100", "inflight", "10"));
        entries.add(entry("echo", "echo text 100x10 64B", new EchoScenario(), timing,
                "target", text, "pid", pid, "conns", "100", "inflight", "10"));
        entries.add(entry("latency", "echo ws 100x1 64B (latency)", new EchoScenario(), timing,
                "target", ws, "pid", pid, "conns", "100", "inflight", "1"));
        entries.add(entry("fanout", "fanout ws say 1000 subs 100 msg/s", new FanoutScenario(), timing,
                "target", ws, "pid", pid, "subs", "1000", "rate", "100"));
        entries.add(entry("fanout", "fanout ws say 1000 subs 100 msg/s, bursts of 10", new FanoutScenario(), timing,
                "target", ws, "pid", pid, "subs", "1000", "rate", "100", "burst", "10"));
        entries.add(entry("fanout10k", "fanout ws say 10000 subs 10 msg/s", new FanoutScenario(), timing,
                "target", ws, "pid", pid, "subs", "10000", "rate", "10"));
        entries.add(entry("churn", "churn ws x10", new ChurnScenario(), timing, "target", ws, "pid", pid));
        entries.add(entry("churn", "churn ws x10, close handshake", new ChurnScenario(), timing, "target", ws, "pid",
                pid, "close", "handshake"));
        entries.add(entry("churn", "churn text x10", new ChurnScenario(), timing, "target", text, "pid", pid));
        entries.add(entry("conns", "conns ws " + conns, new ConnsScenario(), new String[0],
                "target", ws, "pid", pid, "conns", conns));
        entries.add(entry("conns", "conns ws " + conns + " +uid+group", new ConnsScenario(), new String[0],
                "target", ws, "pid", pid, "conns", conns, "bind-join", "true"));
        entries.add(entry("conns", "conns text " + conns, new ConnsScenario(), new String[0],
                "target", text, "pid", pid, "conns", conns));

        List<Result> medians = new ArrayList<>();
        for (Entry e : entries) {
            if (!only.contains(e.key())) {
                continue;
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Result r = e.scenario().run(e.args().with());
                System.out.println(r);
                results.add(r);
                Thread.sleep(1000);
            }
            medians.add(median(e.label(), results));
        }
        System.out.println();
        System.out.println(table(medians, runs));
        return medians;
    }

    private static Entry entry(String key, String label, Scenario scenario, String[] timing, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        for (int i = 0; i + 1 < timing.length; i += 2) {
            values.put(timing[i], timing[i + 1]);
        }
        return new Entry(key, label, scenario, Args.of(values));
    }

    /** Each figure's median over the runs; a note that differs between runs lists its distinct texts. */
    public static Result median(String label, List<Result> runs) {
        Result median = new Result(label);
        for (String key : runs.get(0).figures().keySet()) {
            double[] values = runs.stream().mapToDouble(r -> r.get(key)).filter(v -> !Double.isNaN(v)).sorted().toArray();
            median.put(key, values.length == 0 ? Double.NaN
                    : values.length % 2 == 1 ? values[values.length / 2]
                    : (values[values.length / 2 - 1] + values[values.length / 2]) / 2);
        }
        for (String key : runs.get(0).notes().keySet()) {
            median.note(key, String.join(" / ", runs.stream().map(r -> r.note(key)).filter(java.util.Objects::nonNull)
                    .distinct().toList()));
        }
        return median;
    }

    /** A Markdown table: rate, latency, CPU per operation and each scenario's own extra figures. */
    public static String table(List<Result> results, int runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Medians of %d run(s).%n%n", runs));
        sb.append("| scenario | rate /s | p50 ms | p99 ms | p99.9 ms | server µs/op | generator µs/op | server cores | other |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            sb.append("| ").append(r.scenario())
                    .append(" | ").append(Result.format(first(r, "msgs_per_s", "deliveries_per_s", "cycles_per_s", "connects_per_s")))
                    .append(" | ").append(Result.format(r.get("p50_ms")))
                    .append(" | ").append(Result.format(r.get("p99_ms")))
                    .append(" | ").append(Result.format(r.get("p99.9_ms")))
                    .append(" | ").append(Result.format(first(r, "server_us_per_msg", "server_us_per_delivery",
                            "server_us_per_cycle", "server_us_per_conn")))
                    .append(" | ").append(Result.format(first(r, "gen_us_per_msg", "gen_us_per_delivery", "gen_us_per_cycle")))
                    .append(" | ").append(Result.format(r.get("server_cores")))
                    .append(" | ").append(extras(r))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String extras(Result r) {
        List<String> parts = new ArrayList<>();
        for (String key : Arrays.asList("delivered_ratio", "lost", "reads_per_delivery", "rss_per_conn_kb",
                "heap_live_per_conn_b", "mem_per_conn_kb", "conns", "errors")) {
            double v = r.get(key);
            if (!Double.isNaN(v)) {
                parts.add(key + "=" + Result.format(v));
            }
        }
        return String.join(", ", parts);
    }

    private static double first(Result r, String... keys) {
        for (String key : keys) {
            double v = r.get(key);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return Double.NaN;
    }
}
