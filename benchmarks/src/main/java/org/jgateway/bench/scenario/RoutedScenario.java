package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.BenchConnection;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.Connections;
import org.jgateway.bench.client.MessageListener;
import org.jgateway.bench.client.Payloads;
import org.jgateway.bench.client.Target;
import org.jgateway.bench.proc.CpuWindow;
import org.jgateway.bench.proc.ProcStats;
import org.jgateway.bench.report.Result;
import org.jgateway.transport.EventLoopResources;

/**
 * {@code routed}: {@code sendToUid} at a fixed rate from a pusher process (a {@code GatewayClient}, what
 * {@code GatewayTemplate} runs in a web application) to clients spread over several gateway processes, with either
 * cluster engine; what a push costs the whole server side and each gateway, and how long it takes to arrive.
 * <ol>
 *   <li>{@code --clients} connections, connection i to target {@code i % targets}, each binds uid {@code u<i>}
 *       through the worker ({@code {"type":"bind"}});</li>
 *   <li>the gateways' CPU is measured while everything idles ({@code --idle} s);</li>
 *   <li>a pusher child process ({@code pusher}, JVM options {@code --pusher-opts}) pushes at {@code --rate} to the uids
 *       of the clients on the first {@code --owning} targets (the others hold clients that receive nothing: with the
 *       redis engine they should stay as idle as before); push s goes to the s-th of those uids (mod their number), its
 *       payload carries s and the {@link System#nanoTime()} it was due at (CLOCK_MONOTONIC: comparable between
 *       processes of one machine), so latency counts from when it should have left;</li>
 *   <li>after {@code --warmup} s, CPU of every server process is measured for {@code --duration} s; then up to
 *       {@code --drain} s for the last pushes to arrive.</li>
 * </ol>
 * Every push must reach exactly its uid's client, once and in order (one pusher thread per uid): lost, duplicated,
 * misrouted and reordered pushes are counted. Latency and CPU per push are over the pushes due in the measured window.
 * <p>
 * Options: {@code --targets ws://..,ws://.. --gateway-pids p1,..(same order) --worker-pid p --store-pid p (the register
 * or redis-server) --engine register|redis --register host:port --redis host:port --clients 800 --owning
 * (targets/2) --rate 10000 --pusher-threads 16 --size 64 --warmup 10 --duration 20 --drain 5 --idle 3 --threads 1
 * (generator event loops) --pusher-opts "-Xmx128m ..." --pusher-api blocking|async} (the pusher's {@code sendToUid}
 * or {@code async().sendToUid}).
 */
public final class RoutedScenario implements Scenario {

    private static final byte[] BOUND = "{\"type\":\"bound\"".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Result run(Args args) throws Exception {
        List<Target> targets = Arrays.stream(args.required("targets").split(",")).map(Target::parse).toList();
        long[] gatewayPids = ProcStats.parsePids(args.string("gateway-pids", ""));
        long[] workerPids = ProcStats.parsePids(args.string("worker-pid", ""));
        long[] storePids = ProcStats.parsePids(args.string("store-pid", ""));
        String engine = args.string("engine", "register");
        String register = args.string("register", null);
        String redis = args.string("redis", null);
        int clients = args.integer("clients", 800);
        int owning = args.integer("owning", Math.max(1, targets.size() / 2));
        double rate = args.decimal("rate", 10_000);
        int pusherThreads = args.integer("pusher-threads", 16);
        int size = args.integer("size", 64);
        double warmup = args.decimal("warmup", 10);
        double duration = args.decimal("duration", 20);
        double drain = args.decimal("drain", 5);
        double idle = args.decimal("idle", 3);
        int threads = args.integer("threads", 1);
        String pusherOpts = args.string("pusher-opts", "");
        String pusherApi = args.string("pusher-api", "blocking");
        args.rejectUnknown();
        int gateways = targets.size();
        if (gatewayPids.length > 0 && gatewayPids.length != gateways) {
            throw new IllegalArgumentException("--gateway-pids needs one pid per target, in the same order");
        }
        if (owning < 1 || owning > gateways) {
            throw new IllegalArgumentException("--owning must be between 1 and the number of targets");
        }
        int[] targetClients = targetClients(clients, gateways, owning);
        if (targetClients.length % pusherThreads != 0) {
            throw new IllegalArgumentException(targetClients.length + " target uids (clients on the owning gateways)"
                    + " must be a multiple of --pusher-threads " + pusherThreads + ", so one thread pushes to each uid");
        }
        for (Target t : targets) {
            if (!EchoProbe.awaitServed(t, 60)) {
                throw new IllegalStateException(t + " does not echo after 60 s: is a worker connected to it?");
            }
        }

        Result result = new Result("routed " + engine + " " + gateways + " gateways " + Result.format(rate)
                + " push/s" + (pusherApi.equals("blocking") ? "" : " " + pusherApi));
        result.put("load_1m_start", ProcStats.loadAverage1m());
        Receivers receivers = new Receivers(clients, targetClients, (long) (rate * (warmup + duration)) + 1);
        try (EventLoopResources loops = EventLoopResources.create(threads, "routed-client")) {
            ClientFactory[] factories = targets.stream().map(t -> new ClientFactory(t, loops.borrowed()))
                    .toArray(ClientFactory[]::new);
            Connections.Opened opened = Connections.open(i -> factories[i % gateways], clients, 0, null, 256,
                    i -> receivers, 120);
            if (opened.failed() > 0) {
                throw new IllegalStateException(opened.failed() + " of " + clients + " clients did not connect");
            }
            for (BenchConnection c : opened.ready()) {
                c.send(("{\"type\":\"bind\",\"uid\":\"u" + c.index() + "\"}").getBytes(StandardCharsets.US_ASCII));
            }
            if (!receivers.bound.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(receivers.bound.getCount() + " clients got no 'bound' reply");
            }

            CpuWindow[] idleCpu = windows(gatewayPids);
            startAll(idleCpu);
            Common.sleep(idle);
            stopAll(idleCpu);

            List<String> pusherArgs = new ArrayList<>(List.of("--engine", engine, "--gateways",
                    Integer.toString(gateways), "--api", pusherApi));
            if (register != null) {
                pusherArgs.addAll(List.of("--register", register));
            }
            if (redis != null) {
                pusherArgs.addAll(List.of("--redis", redis));
            }
            List<String> jvm = pusherOpts.isBlank() ? List.of() : List.of(pusherOpts.trim().split("\\s+"));
            try (GeneratorProcess pusher = GeneratorProcess.start("pusher", jvm, "pusher", pusherArgs)) {
                pusher.await("READY");
                StringBuilder uids = new StringBuilder();
                for (int client : targetClients) {
                    uids.append(uids.isEmpty() ? "u" : ",u").append(client);
                }
                pusher.send("push " + rate + " " + (warmup + duration) + " " + pusherThreads + " " + size + " " + uids);
                Common.sleep(warmup);

                CpuWindow[] gatewayCpu = windows(gatewayPids);
                CpuWindow worker = new CpuWindow(workerPids);
                CpuWindow pusherCpu = new CpuWindow(new long[] {pusher.pid()});
                CpuWindow store = new CpuWindow(storePids);
                CpuWindow total = new CpuWindow(concat(gatewayPids, workerPids, storePids, new long[] {pusher.pid()}));
                total.start();
                startAll(gatewayCpu);
                worker.start();
                pusherCpu.start();
                store.start();
                receivers.windowStart = System.nanoTime();
                Common.sleep(duration);
                receivers.windowEnd = System.nanoTime();
                store.stop();
                pusherCpu.stop();
                worker.stop();
                stopAll(gatewayCpu);
                total.stop();

                String[] done = pusher.await("DONE");
                long sent = Long.parseLong(done[0]);
                long drainEnd = System.nanoTime() + (long) (drain * 1e9);
                while (receivers.delivered.sum() < sent && System.nanoTime() < drainEnd) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                long pushes = receivers.inWindow.sum();
                double seconds = total.seconds();
                result.put("pushes_per_s", pushes / seconds)
                        .put("arrivals_per_s", receivers.arrivedInWindow.sum() / seconds)
                        .put("sent", sent)
                        .put("send_failed", Long.parseLong(done[1]))
                        .put("send_dropped", Long.parseLong(done[2]))
                        .put("delivered", receivers.delivered.sum())
                        .put("lost", sent - receivers.delivered.sum())
                        .put("duplicates", receivers.duplicates.sum())
                        .put("misrouted", receivers.misrouted.sum())
                        .put("out_of_order", receivers.outOfOrder.sum())
                        .latency(receivers.latency.getIntervalHistogram())
                        .put("pusher_lag_p99_ms", Long.parseLong(done[3]) / 1e3)
                        .put("pusher_lag_max_ms", Long.parseLong(done[4]) / 1e3)
                        .put("server_us_per_push", total.serverPer(pushes))
                        .put("server_cores", total.serverCores())
                        .put("gateways_us_per_push", sum(gatewayCpu) / pushes)
                        .put("pusher_us_per_push", pusherCpu.serverPer(pushes))
                        .put("worker_us_per_push", worker.serverPer(pushes))
                        .put("store_us_per_push", store.serverPer(pushes))
                        .put("owning_gw_us_per_push", mean(gatewayCpu, 0, owning) / pushes)
                        .put("owning_gw_cores", mean(gatewayCpu, 0, owning) / (seconds * 1e6))
                        .put("nonowning_gw_us_per_push", mean(gatewayCpu, owning, gateways) / pushes)
                        .put("nonowning_gw_cores", mean(gatewayCpu, owning, gateways) / (seconds * 1e6))
                        .put("idle_gw_cores", mean(idleCpu, 0, gateways) / (idle * 1e6))
                        .put("gen_us_per_push", total.selfPer(pushes));
                for (int g = 0; g < gatewayCpu.length; g++) {
                    result.put("gw" + (g + 1) + "_cores", gatewayCpu[g].serverCores());
                }
                result.put("clients", opened.ready().size())
                        .put("target_uids", targetClients.length)
                        .put("unexpected", receivers.unexpected.sum() + receivers.overflow.sum())
                        .put("load_1m_end", ProcStats.loadAverage1m());
            }
            Connections.closeAll(opened.ready());
        }
        return result;
    }

    /** The clients whose uids are pushed to: those on the first {@code owning} of {@code gateways} targets. */
    static int[] targetClients(int clients, int gateways, int owning) {
        return java.util.stream.IntStream.range(0, clients).filter(i -> i % gateways < owning).toArray();
    }

    private static CpuWindow[] windows(long[] pids) {
        return Arrays.stream(pids).mapToObj(pid -> new CpuWindow(new long[] {pid})).toArray(CpuWindow[]::new);
    }

    private static void startAll(CpuWindow[] windows) {
        for (CpuWindow w : windows) {
            w.start();
        }
    }

    private static void stopAll(CpuWindow[] windows) {
        for (CpuWindow w : windows) {
            w.stop();
        }
    }

    /** Summed server µs of the windows; NaN when there are none or one could not be read. */
    private static double sum(CpuWindow[] windows) {
        return windows.length == 0 ? Double.NaN : mean(windows, 0, windows.length) * windows.length;
    }

    /** Mean server µs of windows {@code from .. to-1}; NaN when there are none or one could not be read. */
    private static double mean(CpuWindow[] windows, int from, int to) {
        if (to > windows.length || to <= from) {
            return Double.NaN;
        }
        double total = 0;
        for (int i = from; i < to; i++) {
            if (windows[i].serverMicros() < 0) {
                return Double.NaN;
            }
            total += windows[i].serverMicros();
        }
        return total / (to - from);
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }

    /**
     * Checks each push on arrival (on the clients' event loops): the right client, once, in order; latency for those
     * due in the measured window.
     */
    private static final class Receivers implements MessageListener {

        final CountDownLatch bound;
        final int[] targetClients;
        final AtomicLongArray seen;
        final long capacity;
        final Recorder latency = new Recorder(3);
        final LongAdder delivered = new LongAdder();
        final LongAdder inWindow = new LongAdder();
        final LongAdder arrivedInWindow = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder misrouted = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        final LongAdder overflow = new LongAdder();
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;

        Receivers(int clients, int[] targetClients, long capacity) {
            this.bound = new CountDownLatch(clients);
            this.targetClients = targetClients;
            this.capacity = capacity;
            this.seen = new AtomicLongArray((int) (capacity / 64) + 1);
        }

        @Override
        public void onMessage(BenchConnection connection, ByteBuf payload) {
            long seq = Payloads.sequence(payload);
            if (seq < 0) {
                if (Payloads.startsWith(payload, BOUND)) {
                    bound.countDown();
                } else {
                    unexpected.increment();
                }
                return;
            }
            long now = System.nanoTime();
            if (now >= windowStart && now < windowEnd) {
                arrivedInWindow.increment();
            }
            if (seq >= capacity) {
                overflow.increment();
                return;
            }
            if (targetClients[(int) (seq % targetClients.length)] != connection.index()) {
                misrouted.increment();
                return;
            }
            if (!firstTime(seq)) {
                duplicates.increment();
                return;
            }
            delivered.increment();
            // Only this client's thread touches its counter: the next sequence number expected at the least.
            if (seq < connection.counter) {
                outOfOrder.increment();
            } else {
                connection.counter = seq + 1;
            }
            long due = Payloads.timestamp(payload);
            if (due >= windowStart && due < windowEnd) {
                inWindow.increment();
                latency.recordValue(Math.max(0, now - due));
            }
        }

        private boolean firstTime(long seq) {
            int word = (int) (seq >>> 6);
            long bit = 1L << (seq & 63);
            long old;
            do {
                old = seen.get(word);
                if ((old & bit) != 0) {
                    return false;
                }
            } while (!seen.compareAndSet(word, old, old | bit));
            return true;
        }
    }
}
