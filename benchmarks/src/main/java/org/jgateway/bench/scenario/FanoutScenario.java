package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.BenchConnection;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.Connections;
import org.jgateway.bench.client.MessageListener;
import org.jgateway.bench.client.Payloads;
import org.jgateway.bench.proc.CpuWindow;
import org.jgateway.bench.report.Result;

/**
 * {@code fanout}: N subscribers join groups ({@code {"type":"join"}}, or none with {@code --mode all}), P
 * publishers send {@code say} (or {@code all}) commands at a fixed total rate, each carrying its send time in
 * {@code msg}. Reports deliveries per second, the delivered ratio and losses for the messages sent in the measured
 * window, send-to-receive latency, CPU per delivery, and socket reads per delivery (below 1 when the server
 * coalesces writes).
 * <p>
 * Options: {@code --subs 1000 --pubs 1 --rate 100 (messages/s, all publishers) --mode say|all --groups 1
 * --group-prefix g (groups are named g0, g1...; {@code h:g} makes them history groups of the reference app, whose
 * members then receive {@code {"type":"msg",...,"msg":M}}) --size 64 --burst 1 (messages sent back to back per tick)
 * --drain 2 (s)} and the common ones.
 */
public final class FanoutScenario implements Scenario {

    private static final byte[] JOINED = "{\"type\":\"joined\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
    /** A message to a history group of the reference app: {@code {"type":"msg",...,"msg":"<payload>"}}. */
    private static final byte[] POSITIONED = "{\"type\":\"msg\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSG_FIELD = "\"msg\":\"".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Result run(Args args) throws Exception {
        Common common = Common.read(args, 3, 10);
        int subs = args.integer("subs", 1000);
        int pubs = args.integer("pubs", 1);
        double rate = args.decimal("rate", 100);
        boolean all = "all".equals(args.string("mode", "say"));
        int groups = all ? 1 : args.integer("groups", 1);
        String groupPrefix = args.string("group-prefix", "g");
        int size = args.integer("size", 64);
        int burst = args.integer("burst", 1);
        double drain = args.decimal("drain", 2);
        args.rejectUnknown();

        byte[][] prefixes = new byte[groups][];
        int[] members = new int[groups];
        for (int g = 0; g < groups; g++) {
            prefixes[g] = (all ? "{\"type\":\"all\",\"msg\":\""
                    : "{\"type\":\"say\",\"group\":\"" + groupPrefix + g + "\",\"msg\":\"")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < subs; i++) {
            members[i % groups]++;
        }
        Subscribers subscribers = new Subscribers(subs);
        try (ClientFactory factory = new ClientFactory(common.target(), common.threads())) {
            Connections.Opened subscribed = Connections.open(factory, subs, 0, common.sources(), 256,
                    i -> subscribers, 120);
            if (!all) {
                for (BenchConnection c : subscribed.ready()) {
                    c.send(("{\"type\":\"join\",\"group\":\"" + groupPrefix + (c.index() % groups) + "\"}")
                            .getBytes(StandardCharsets.US_ASCII));
                }
                if (!subscribers.joined.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException((subscribers.joined.getCount()) + " subscribers did not get 'joined'");
                }
            }
            Connections.Opened publishers = Connections.open(factory, pubs, subs, common.sources(), 256,
                    i -> MessageListener.IGNORE, 60);
            Publishing publishing = new Publishing(rate / Math.max(1, publishers.ready().size()), burst, size,
                    prefixes, members);
            List<ScheduledFuture<?>> ticks = new ArrayList<>();
            long start = Payloads.now();
            for (BenchConnection p : publishers.ready()) {
                ticks.add(p.channel().eventLoop().scheduleAtFixedRate(() -> publishing.tick(p, start),
                        0, 1, TimeUnit.MILLISECONDS));
            }
            Common.sleep(common.warmupSeconds());

            CpuWindow cpu = new CpuWindow(common.serverPids());
            long readsBefore = factory.reads();
            cpu.start();
            long windowStart = Payloads.now();
            subscribers.windowStart = windowStart;
            publishing.windowStart = windowStart;
            subscribers.arrivalsOn = true;
            Common.sleep(common.durationSeconds());
            subscribers.arrivalsOn = false;
            long windowEnd = Payloads.now();
            publishing.windowEnd = windowEnd;
            cpu.stop();
            long reads = factory.reads() - readsBefore;
            long arrivals = subscribers.arrivals.sum();

            ticks.forEach(t -> t.cancel(false));
            Common.sleep(drain);
            long expected = publishing.expected.sum();
            long delivered = subscribers.delivered.sum();
            Result result = new Result("fanout " + common.target().protocol().name().toLowerCase() + " "
                    + (all ? "all" : "say") + " " + subs + " subs " + Result.format(rate) + " msg/s"
                    + (burst > 1 ? " burst " + burst : ""))
                    .put("deliveries_per_s", arrivals / cpu.seconds())
                    .put("sent", publishing.sent.sum())
                    .put("expected", expected)
                    .put("delivered_ratio", expected == 0 ? Double.NaN : (double) delivered / expected)
                    .put("lost", expected - delivered)
                    .latency(subscribers.latency.getIntervalHistogram())
                    .cpu(cpu, arrivals, "delivery")
                    .put("reads_per_delivery", arrivals == 0 ? Double.NaN : (double) reads / arrivals)
                    .put("subs", subscribed.ready().size())
                    .put("errors", subscribed.failed() + publishers.failed() + factory.errors()
                            + subscribers.unexpected.sum());
            Connections.closeAll(publishers.ready());
            Connections.closeAll(subscribed.ready());
            return result;
        }
    }

    /** Paces the publishers; all state but the counters is read on the publishers' event loops. */
    private static final class Publishing {

        final double ratePerPublisher;
        final int burst;
        final int size;
        final byte[][] prefixes;
        final int[] members;
        final LongAdder sent = new LongAdder();
        final LongAdder expected = new LongAdder();
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;

        Publishing(double ratePerPublisher, int burst, int size, byte[][] prefixes, int[] members) {
            this.ratePerPublisher = ratePerPublisher;
            this.burst = burst;
            this.size = size;
            this.prefixes = prefixes;
            this.members = members;
        }

        void tick(BenchConnection publisher, long start) {
            long now = Payloads.now();
            if (now >= windowEnd) {
                return;
            }
            long due = (long) ((now - start) * ratePerPublisher / 1e9);
            boolean wrote = false;
            while (publisher.counter + burst <= due) {
                for (int k = 0; k < burst; k++) {
                    long seq = publisher.counter++;
                    int group = (int) (seq % prefixes.length);
                    long ts = Payloads.now();
                    publisher.sendWrapped(prefixes[group], ts, seq, size, SUFFIX, false);
                    if (ts >= windowStart) {
                        sent.increment();
                        expected.add(members[group]);
                    }
                }
                wrote = true;
            }
            if (wrote) {
                publisher.flush();
            }
        }
    }

    /**
     * Counts deliveries: all arrivals while the window is open (for rates and CPU), and the messages sent from the
     * window's start until the publishers stopped, however late they arrive (for loss and latency).
     */
    private static final class Subscribers implements MessageListener {

        final CountDownLatch joined;
        final Recorder latency = new Recorder(3);
        final LongAdder arrivals = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        volatile boolean arrivalsOn;
        volatile long windowStart = Long.MAX_VALUE;

        Subscribers(int count) {
            this.joined = new CountDownLatch(count);
        }

        @Override
        public void onMessage(BenchConnection connection, ByteBuf payload) {
            long sent = Payloads.timestamp(payload);
            if (sent < 0 && Payloads.startsWith(payload, POSITIONED)) {
                sent = Payloads.timestampAfter(payload, MSG_FIELD);
            }
            if (sent < 0) {
                if (Payloads.startsWith(payload, JOINED)) {
                    joined.countDown();
                } else {
                    unexpected.increment();
                }
                return;
            }
            if (arrivalsOn) {
                arrivals.increment();
            }
            if (sent >= windowStart) { // publishers count exactly the messages sent from windowStart until they stop
                delivered.increment();
                latency.recordValue(Math.max(0, Payloads.now() - sent));
            }
        }
    }
}
