package org.jgateway.bench.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.SourceAddresses;
import org.jgateway.bench.client.Target;
import org.jgateway.bench.proc.CpuWindow;
import org.jgateway.bench.proc.ProcStats;
import org.jgateway.bench.report.Result;

/**
 * {@code scale}: N connections spread evenly over several gateways (connection i to target {@code i % targets}) from
 * generator child processes of at most {@code --per-process} connections each (one process may open 20,000 files),
 * then proof that every one of them is served:
 * <ol>
 *   <li>echo: every connection sends one message and must get it back (served / unserved per gateway; a reply
 *       reaching another connection than its sender counts as misrouted);</li>
 *   <li>sendToAll: one connection sends {@code {"type":"all"}}, every connection must receive it (per generator);
 *       the time to the last delivery is measured across processes with CLOCK_MONOTONIC;</li>
 *   <li>optionally ({@code --say true}, the default) every connection joins one group and one {@code say} must
 *       reach all of them.</li>
 * </ol>
 * Also reports the connect rate, each gateway's RSS, and the worker's and gateways' CPU per phase.
 * <p>
 * Options: {@code --targets ws://127.0.0.1:7601/,ws://127.0.0.1:7602/,... --conns 50000 --per-process 17000
 * --first-source 11 (generator g binds 127.0.0.(11+g)) --threads 1 (event loops per generator) --window 1000
 * (echo / join messages awaiting a reply per generator) --timeout 120 (s per phase) --say true --size 64
 * --idle 2 (s of idle CPU measured after connecting) --pause 1 (s before each measured phase)
 * --gateway-pids p1,p2,p3 (same order as targets) --worker-pid p --register-pid p}.
 */
public final class ScaleScenario implements Scenario {

    private static final int MAX_PER_SOURCE = 20_000;

    @Override
    public Result run(Args args) throws Exception {
        List<Target> targets = Arrays.stream(args.required("targets").split(",")).map(Target::parse).toList();
        int conns = args.integer("conns", 50_000);
        int perProcess = args.integer("per-process", 17_000);
        int firstSource = args.integer("first-source", 11);
        int threads = args.integer("threads", 1);
        int window = args.integer("window", 1000);
        double timeout = args.decimal("timeout", 120);
        boolean say = Boolean.parseBoolean(args.string("say", "true"));
        int size = args.integer("size", 64);
        double idle = args.decimal("idle", 2);
        double pause = args.decimal("pause", 1);
        long[] gatewayPids = ProcStats.parsePids(args.string("gateway-pids", ""));
        long[] workerPids = ProcStats.parsePids(args.string("worker-pid", ""));
        long[] registerPids = ProcStats.parsePids(args.string("register-pid", ""));
        args.rejectUnknown();
        if (gatewayPids.length > 0 && gatewayPids.length != targets.size()) {
            throw new IllegalArgumentException("--gateway-pids needs one pid per target, in the same order");
        }
        for (Target t : targets) {
            if (!EchoProbe.awaitServed(t, 60)) {
                throw new IllegalStateException(t + " does not echo after 60 s: is a worker connected to it?");
            }
        }

        int tCount = targets.size();
        Result result = new Result("scale " + targets.get(0).protocol().name().toLowerCase() + " " + conns
                + " conns over " + tCount + " gateways");
        result.put("load_1m_start", ProcStats.loadAverage1m());
        long[] rssBefore = rssEach(gatewayPids);
        CpuWindow workerCpu = new CpuWindow(workerPids);
        CpuWindow gatewayCpu = new CpuWindow(gatewayPids);
        List<GeneratorProcess> generators = new ArrayList<>();
        try {
            workerCpu.start();
            gatewayCpu.start();
            long wallStart = System.nanoTime();
            spawn(generators, targets, conns, perProcess, firstSource, threads, size);
            Totals ready = new Totals(tCount);
            long connectNanos = 0;
            int failed = 0;
            for (GeneratorProcess g : generators) {
                String[] r = g.await(ScaleGenerator.READY);
                failed += Integer.parseInt(r[1]);
                connectNanos = Math.max(connectNanos, Long.parseLong(r[2]));
                ready.add(r[3]);
            }
            long connectWall = System.nanoTime() - wallStart;
            workerCpu.stop();
            gatewayCpu.stop();
            result.put("conns", ready.total())
                    .put("connect_errors", failed)
                    .put("connects_per_s", connectNanos == 0 ? Double.NaN : ready.total() * 1e9 / connectNanos)
                    .put("connect_wall_s", connectWall / 1e9)
                    .put("generators", generators.size());
            ready.putEach(result, "conns");
            result.put("worker_us_per_conn", workerCpu.serverPer(ready.total()))
                    .put("gateways_us_per_conn", gatewayCpu.serverPer(ready.total()));
            putMemory(result, gatewayPids, rssBefore, ready.total());
            idle(result, idle, workerCpu, gatewayCpu);

            // A pause before each measured phase, so that its CPU window does not take in the tail of the previous one.
            Common.sleep(pause);
            Totals served = echo(generators, result, window, timeout, workerCpu, gatewayCpu, tCount);
            Common.sleep(pause);
            long allDelivered = broadcast(generators, result, "all", "all", "", timeout, workerCpu, gatewayCpu, tCount);
            long sayDelivered = -1;
            if (say) {
                join(generators, result, "scale", window, timeout, tCount);
                Common.sleep(pause);
                sayDelivered = broadcast(generators, result, "say", "say", "scale", timeout, workerCpu, gatewayCpu, tCount);
            }
            long unexpected = 0;
            long closed = 0;
            for (String[] s : all(generators, "STATS", "STATS")) {
                unexpected += Long.parseLong(s[0]);
                closed += Long.parseLong(s[1]);
            }
            result.put("unexpected_msgs", unexpected).put("closed_by_server", closed);
            result.put("worker_rss_mb", mb(ProcStats.rssKb(workerPids)))
                    .put("register_rss_mb", mb(ProcStats.rssKb(registerPids)))
                    .put("load_1m_end", ProcStats.loadAverage1m());
            result.note("verdict", verdict(conns, ready.total(), served.total(), allDelivered, sayDelivered, closed));
            return result;
        } finally {
            for (GeneratorProcess g : generators) {
                g.close();
            }
        }
    }

    /** Per-target sums of the {@code ,}-separated counts the generators report. */
    private static final class Totals {

        final long[] counts;

        Totals(int targets) {
            counts = new long[targets];
        }

        void add(String csv) {
            String[] parts = csv.split(",");
            for (int t = 0; t < counts.length; t++) {
                counts[t] += Long.parseLong(parts[t]);
            }
        }

        long total() {
            return Arrays.stream(counts).sum();
        }

        /** Puts {@code gw<t+1>_<name>} for every target. */
        void putEach(Result result, String name) {
            for (int t = 0; t < counts.length; t++) {
                result.put("gw" + (t + 1) + "_" + name, counts[t]);
            }
        }
    }

    private static void spawn(List<GeneratorProcess> generators, List<Target> targets, int conns, int perProcess,
                              int firstSource, int threads, int size) throws IOException {
        int processes = Math.max(1, (conns + perProcess - 1) / perProcess);
        String targetList = String.join(",", targets.stream().map(Target::toString).toList());
        int first = 0;
        int source = firstSource;
        for (int g = 0; g < processes; g++) {
            int count = conns / processes + (g < conns % processes ? 1 : 0);
            int sources = Math.max(1, (count + MAX_PER_SOURCE - 1) / MAX_PER_SOURCE);
            new SourceAddresses(sources, source); // fails early when the addresses run past 127.0.0.254
            generators.add(GeneratorProcess.start("generator " + (g + 1), "scale-generator", List.of(
                    "--targets", targetList, "--count", Integer.toString(count), "--first-index", Integer.toString(first),
                    "--threads", Integer.toString(threads), "--size", Integer.toString(size),
                    "--sources", Integer.toString(sources), "--first-source", Integer.toString(source))));
            first += count;
            source += sources;
        }
    }

    /**
     * CPU of the servers while all connections sit idle: the baseline to read the broadcast phases' CPU against
     * (timers, GC, anything that grows with the number of connections).
     */
    private static void idle(Result result, double seconds, CpuWindow workerCpu, CpuWindow gatewayCpu)
            throws InterruptedException {
        if (seconds <= 0) {
            return;
        }
        workerCpu.start();
        gatewayCpu.start();
        Common.sleep(seconds);
        workerCpu.stop();
        gatewayCpu.stop();
        result.put("idle_worker_cores", workerCpu.serverCores())
                .put("idle_gateways_cores", gatewayCpu.serverCores());
    }

    private static Totals echo(List<GeneratorProcess> generators, Result result, int window, double timeout,
                               CpuWindow workerCpu, CpuWindow gatewayCpu, int targets) throws IOException {
        Totals served = new Totals(targets);
        Totals unserved = new Totals(targets);
        long notSent = 0;
        long misrouted = 0;
        long duplicates = 0;
        long nanos = 0;
        workerCpu.start();
        gatewayCpu.start();
        for (String[] r : all(generators, "ECHO " + window + " " + timeout, "ECHOED")) {
            nanos = Math.max(nanos, Long.parseLong(r[0]));
            served.add(r[1]);
            unserved.add(r[2]);
            notSent += Long.parseLong(r[3]);
            misrouted += Long.parseLong(r[4]);
            duplicates += Long.parseLong(r[5]);
        }
        workerCpu.stop();
        gatewayCpu.stop();
        result.put("echo_served", served.total()).put("echo_unserved", unserved.total())
                .put("echo_not_sent", notSent).put("echo_misrouted", misrouted).put("echo_duplicates", duplicates)
                .put("echo_s", nanos / 1e9)
                .put("echoes_per_s", nanos == 0 ? Double.NaN : served.total() * 1e9 / nanos);
        served.putEach(result, "served");
        unserved.putEach(result, "unserved");
        result.put("worker_us_per_echo", workerCpu.serverPer(served.total()))
                .put("gateways_us_per_echo", gatewayCpu.serverPer(served.total()));
        return served;
    }

    private static void join(List<GeneratorProcess> generators, Result result, String group, int window,
                             double timeout, int targets) throws IOException {
        Totals joined = new Totals(targets);
        long nanos = 0;
        for (String[] r : all(generators, "JOIN " + group + " " + window + " " + timeout, "JOINED")) {
            nanos = Math.max(nanos, Long.parseLong(r[0]));
            joined.add(r[1]);
        }
        result.put("joined", joined.total()).put("join_s", nanos / 1e9);
    }

    /**
     * One {@code all} or {@code say} sent by the first generator's first connection; returns how many connections
     * received it.
     */
    private static long broadcast(List<GeneratorProcess> generators, Result result, String name, String kind,
                                  String group, double timeout, CpuWindow workerCpu, CpuWindow gatewayCpu,
                                  int targets) throws IOException {
        String tag = name + System.nanoTime();
        all(generators, "ARM " + tag, "ARMED");
        workerCpu.start();
        gatewayCpu.start();
        generators.get(0).send("SEND " + kind + " " + tag + (group.isEmpty() ? "" : " " + group));
        long sent = Long.parseLong(generators.get(0).await("SENT")[1]);
        Totals received = new Totals(targets);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long duplicates = 0;
        List<String[]> replies = all(generators, "AWAIT " + tag + " " + timeout, "RECEIVED");
        workerCpu.stop();
        gatewayCpu.stop();
        for (int g = 0; g < replies.size(); g++) {
            String[] r = replies.get(g);
            received.add(r[1]);
            long f = Long.parseLong(r[2]);
            long l = Long.parseLong(r[3]);
            if (f >= 0) {
                first = Math.min(first, f);
                last = Math.max(last, l);
            }
            duplicates += Long.parseLong(r[4]);
            result.put("gen" + (g + 1) + "_" + name + "_received", Arrays.stream(r[1].split(","))
                    .mapToLong(Long::parseLong).sum());
        }
        long delivered = received.total();
        result.put(name + "_delivered", delivered)
                .put(name + "_missing", result.get("conns") - delivered)
                .put(name + "_duplicates", duplicates)
                .put(name + "_first_ms", first == Long.MAX_VALUE ? Double.NaN : (first - sent) / 1e6)
                .put(name + "_last_ms", last == Long.MIN_VALUE ? Double.NaN : (last - sent) / 1e6)
                .put(name + "_worker_cpu_ms", workerCpu.serverMicros() < 0 ? Double.NaN : workerCpu.serverMicros() / 1e3)
                .put(name + "_gateways_us_per_delivery", gatewayCpu.serverPer(delivered));
        return delivered;
    }

    /** Sends {@code command} to every generator, then collects each one's reply (they work in parallel). */
    private static List<String[]> all(List<GeneratorProcess> generators, String command, String reply)
            throws IOException {
        for (GeneratorProcess g : generators) {
            g.send(command);
        }
        List<String[]> replies = new ArrayList<>();
        for (GeneratorProcess g : generators) {
            replies.add(g.await(reply));
        }
        return replies;
    }

    private static void putMemory(Result result, long[] gatewayPids, long[] rssBefore, long conns) {
        long grown = 0;
        for (int i = 0; i < gatewayPids.length; i++) {
            long after = ProcStats.rssKb(gatewayPids[i]);
            result.put("gw" + (i + 1) + "_rss_mb", mb(after));
            grown += after < 0 || rssBefore[i] < 0 ? 0 : after - rssBefore[i];
        }
        if (gatewayPids.length > 0) {
            result.put("gateways_rss_growth_kb_per_conn", conns == 0 ? Double.NaN : grown / (double) conns);
        }
    }

    private static long[] rssEach(long[] pids) {
        return Arrays.stream(pids).map(ProcStats::rssKb).toArray();
    }

    private static double mb(long kb) {
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }

    private static String verdict(int asked, long ready, long echoed, long all, long say, long closed) {
        boolean ok = ready == asked && echoed == asked && all == asked && (say < 0 || say == asked) && closed == 0;
        return String.format(Locale.ROOT, "%s: %d of %d connected, echo %d, all %d%s, %d closed by the server",
                ok ? "ALL SERVED" : "NOT ALL SERVED", ready, asked, echoed, all, say < 0 ? "" : ", say " + say, closed);
    }
}
