package org.jgateway.bench.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.Protocol;
import org.jgateway.bench.proc.CpuWindow;
import org.jgateway.bench.report.Result;

/**
 * {@code recover}: how long a client coming back takes to get what it missed. Each round a publisher sends
 * {@code --missed} messages to a fresh history group of the reference app ({@code h:*}), then a new client sends
 * {@code {"type":"resume","group":G}} (from the group's first message) and the time until its {@code resumed} reply,
 * which follows the recovered messages, is recorded. Checks that every missed message arrived, once, in order.
 * <p>
 * Options: {@code --target tcp://127.0.0.1:8282} (a newline text listener) {@code --missed 100 --rounds 200
 * --warmup-rounds 20} and {@code --pid}.
 */
public final class RecoverScenario implements Scenario {

    @Override
    public Result run(Args args) throws Exception {
        Common common = Common.read(args, 0, 0);
        int missed = args.integer("missed", 100);
        int rounds = args.integer("rounds", 200);
        int warmupRounds = args.integer("warmup-rounds", 20);
        args.rejectUnknown();
        if (common.target().protocol() != Protocol.TEXT) {
            throw new IllegalArgumentException("recover needs a newline text target, tcp://host:port");
        }
        Histogram latency = new Histogram(3);
        String run = Long.toString(System.nanoTime(), 36);
        CpuWindow cpu = new CpuWindow(common.serverPids());
        try (Line publisher = new Line(common)) {
            for (int round = 0; round < warmupRounds + rounds; round++) {
                if (round == warmupRounds) {
                    cpu.start();
                }
                String group = "h:recover-" + run + "-" + round;
                for (int i = 1; i <= missed; i++) {
                    publisher.send("{\"type\":\"say\",\"group\":\"" + group + "\",\"msg\":" + i + "}");
                }
                // The publisher's events run in order: once this echo is back, every message above is kept.
                publisher.send("sync " + round);
                publisher.expect("sync " + round);
                try (Line back = new Line(common)) {
                    long start = System.nanoTime();
                    back.send("{\"type\":\"resume\",\"group\":\"" + group + "\"}");
                    for (int i = 1; i <= missed; i++) {
                        String line = back.read();
                        if (!line.startsWith("{\"type\":\"msg\",\"group\":\"" + group + "\",\"offset\":" + i + ",")) {
                            throw new IllegalStateException("message " + i + " of " + group + " expected, got " + line);
                        }
                    }
                    String resumed = back.read();
                    long nanos = System.nanoTime() - start;
                    if (!resumed.startsWith("{\"type\":\"resumed\",\"group\":\"" + group + "\",\"recovered\":true,\"offset\":"
                            + missed + ",")) {
                        throw new IllegalStateException("complete recovery expected, got " + resumed);
                    }
                    if (round >= warmupRounds) {
                        latency.recordValue(nanos);
                    }
                }
            }
            cpu.stop();
        }
        return new Result("recover " + missed + " missed messages, " + rounds + " rounds").latency(latency)
                .cpu(cpu, rounds, "recovery");
    }

    /** A blocking newline text connection. */
    private static final class Line implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final BufferedReader in;

        Line(Common common) throws IOException {
            socket = new Socket(common.target().host(), common.target().port());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String read() throws IOException {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("closed by the server");
            }
            return line;
        }

        void expect(String line) throws IOException {
            String got = read();
            if (!got.equals(line)) {
                throw new IllegalStateException("expected " + line + ", got " + got);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
