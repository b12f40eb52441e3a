package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.BenchConnection;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.MessageListener;
import org.jgateway.bench.client.Payloads;
import org.jgateway.bench.client.SourceAddresses;
import org.jgateway.bench.proc.CpuWindow;
import org.jgateway.bench.report.Result;

/**
 * {@code churn}: C lanes each loop connect, (WebSocket handshake,) send one message, receive its echo, close.
 * Reports cycles per second, cycle latency and CPU per cycle (which covers the server's accept, handshake, the
 * worker's onConnect / onMessage / onClose and the close).
 * <p>
 * {@code --close fin} (default) closes the TCP connection at once, as a killed client would; {@code --close handshake}
 * closes a WebSocket as browsers do: a Close frame, then waiting for the server's Close frame and its TCP close (a
 * cycle ends when the server closed). Text has no close handshake: both close at once.
 * <p>
 * Options: {@code --concurrency 10 --size 64 --close fin|handshake} and the common ones.
 */
public final class ChurnScenario implements Scenario {

    @Override
    public Result run(Args args) throws Exception {
        Common common = Common.read(args, 3, 10);
        int concurrency = args.integer("concurrency", 10);
        int size = args.integer("size", 64);
        String close = args.string("close", "fin");
        if (!close.equals("fin") && !close.equals("handshake")) {
            throw new IllegalArgumentException("--close must be fin or handshake, got " + close);
        }
        boolean handshake = close.equals("handshake");
        args.rejectUnknown();

        try (ClientFactory factory = new ClientFactory(common.target(), common.threads())) {
            Lanes lanes = new Lanes(factory, common.sources(), size, concurrency, handshake);
            for (int i = 0; i < concurrency; i++) {
                lanes.next();
            }
            Common.sleep(common.warmupSeconds());
            CpuWindow cpu = new CpuWindow(common.serverPids());
            lanes.latency.reset();
            lanes.cycles.reset();
            cpu.start();
            lanes.measuring = true;
            Common.sleep(common.durationSeconds());
            lanes.measuring = false;
            cpu.stop();
            long cycles = lanes.cycles.sum();
            lanes.running = false;
            lanes.stopped.await(15, TimeUnit.SECONDS);
            return new Result("churn " + common.target().protocol().name().toLowerCase() + " x" + concurrency
                    + (handshake ? " close handshake" : ""))
                    .put("cycles_per_s", cycles / cpu.seconds())
                    .latency(lanes.latency.getIntervalHistogram())
                    .cpu(cpu, cycles, "cycle")
                    .put("errors", lanes.errors.sum() + factory.errors());
        }
    }

    /** The loops; each finished cycle (or failure) starts the next one on the same lane. */
    private static final class Lanes {

        final ClientFactory factory;
        final SourceAddresses sources;
        final int size;
        final boolean closeHandshake;
        final AtomicInteger index = new AtomicInteger();
        final Recorder latency = new Recorder(3);
        final LongAdder cycles = new LongAdder();
        final LongAdder errors = new LongAdder();
        final CountDownLatch stopped;
        volatile boolean running = true;
        volatile boolean measuring;

        Lanes(ClientFactory factory, SourceAddresses sources, int size, int concurrency, boolean closeHandshake) {
            this.factory = factory;
            this.sources = sources;
            this.size = size;
            this.closeHandshake = closeHandshake;
            this.stopped = new CountDownLatch(concurrency);
        }

        void next() {
            if (!running) {
                stopped.countDown();
                return;
            }
            int i = index.getAndIncrement();
            Cycle cycle = new Cycle(this);
            BenchConnection c = factory.connect(i, sources == null ? null : sources.forIndex(i), cycle);
            c.ready().addListener(f -> {
                if (f.isSuccess()) {
                    c.sendTimestamped(i, size, true);
                } else {
                    cycle.finish(false);
                }
            });
        }
    }

    /** One connect-send-receive-close cycle; finishes exactly once, whichever way it ends. */
    private static final class Cycle implements MessageListener {

        final Lanes lanes;
        final long started = Payloads.now();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile boolean replied;

        Cycle(Lanes lanes) {
            this.lanes = lanes;
        }

        @Override
        public void onMessage(BenchConnection connection, ByteBuf payload) {
            replied = Payloads.timestamp(payload) >= 0;
            if (lanes.closeHandshake) {
                connection.closeHandshake();
            } else {
                connection.close();
            }
        }

        @Override
        public void onClosed(BenchConnection connection) {
            finish(replied);
        }

        void finish(boolean ok) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (!ok) {
                lanes.errors.increment();
                // Back off so that a server that refuses connections is not hammered in a tight loop.
                lanes.factory.schedule(lanes::next, 10);
                return;
            }
            if (lanes.measuring) {
                lanes.cycles.increment();
                lanes.latency.recordValue(Payloads.now() - started);
            }
            lanes.next();
        }
    }
}
