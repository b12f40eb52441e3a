package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
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
 * {@code echo}: N connections keep W timestamped messages in flight each (closed loop: every echo received sends
 * the next message, flushed once per read batch). Reports echoes per second, round-trip latency and CPU per message.
 * <p>
 * Options: {@code --conns 100 --inflight 10 --size 64} and the common ones.
 */
public final class EchoScenario implements Scenario {

    @Override
    public Result run(Args args) throws Exception {
        Common common = Common.read(args, 5, 15);
        int conns = args.integer("conns", 100);
        int inflight = args.integer("inflight", 10);
        int size = args.integer("size", 64);
        args.rejectUnknown();

        Loop loop = new Loop(size);
        try (ClientFactory factory = new ClientFactory(common.target(), common.threads())) {
            Connections.Opened opened = Connections.open(factory, conns, 0, common.sources(), 256, i -> loop, 60);
            if (opened.ready().isEmpty()) {
                throw new IllegalStateException("no connection to " + common.target() + " could be opened");
            }
            for (BenchConnection c : opened.ready()) {
                c.channel().eventLoop().execute(() -> {
                    for (int i = 0; i < inflight; i++) {
                        c.sendTimestamped(++c.counter, size, false);
                    }
                    c.flush();
                });
            }
            Common.sleep(common.warmupSeconds());
            CpuWindow cpu = new CpuWindow(common.serverPids());
            loop.latency.reset();
            loop.received.reset();
            cpu.start();
            loop.measuring = true;
            Common.sleep(common.durationSeconds());
            loop.measuring = false;
            cpu.stop();
            long received = loop.received.sum();
            Result result = new Result("echo " + common.target().protocol().name().toLowerCase()
                    + " " + conns + "x" + inflight + " " + size + "B")
                    .put("msgs_per_s", received / cpu.seconds())
                    .latency(loop.latency.getIntervalHistogram())
                    .cpu(cpu, received, "msg")
                    .put("conns", opened.ready().size())
                    .put("errors", opened.failed() + factory.errors() + loop.unexpected.sum());
            loop.running = false;
            Common.sleep(0.2);
            Connections.closeAll(opened.ready());
            return result;
        }
    }

    /** The closed loop shared by all connections. */
    private static final class Loop implements MessageListener {

        final Recorder latency = new Recorder(3);
        final LongAdder received = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        final int size;
        volatile boolean running = true;
        volatile boolean measuring;

        Loop(int size) {
            this.size = size;
        }

        @Override
        public void onMessage(BenchConnection connection, ByteBuf payload) {
            long sent = Payloads.timestamp(payload);
            if (sent < 0) {
                unexpected.increment();
                return;
            }
            if (measuring) {
                latency.recordValue(Payloads.now() - sent);
                received.increment();
            }
            if (running) {
                connection.sendLater(++connection.counter, size);
            }
        }
    }
}
