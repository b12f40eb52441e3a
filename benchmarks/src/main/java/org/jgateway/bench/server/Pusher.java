package org.jgateway.bench.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.Payloads;
import org.jgateway.client.GatewayClient;
import org.jgateway.client.GatewayException;
import org.jgateway.register.ClusterConnectionOptions;

/**
 * {@code pusher}: a process that only pushes, as a web application does with {@code GatewayTemplate} (here its
 * engine, a {@link GatewayClient} with the cluster engine's discovery and broker), run by the {@code routed} scenario
 * as a child process and counted as server CPU.
 * <p>
 * Options: {@code --engine register|redis --register host:port --redis host:port --gateways N} (it answers
 * {@code READY} once it knows N gateway addresses) {@code --api blocking|async}: {@code blocking} (default) calls
 * {@code sendToUid}, which returns once the push is routed and handed to its gateways' connections; {@code async}
 * calls {@code async().sendToUid} and counts each push when its future completes (the sending thread goes back to
 * its pacing at once; with the redis engine the push leaves from Lettuce's thread). Then, on standard input, {@code push RATE SECONDS THREADS SIZE
 * uid,uid,...}: {@code sendToUid} at RATE pushes/s in all for SECONDS from THREADS threads; push {@code s} (from 0)
 * goes to uid {@code s mod uids} from thread {@code s mod THREADS}, so every uid has one sending thread (its pushes
 * keep their order) when the number of uids is a multiple of THREADS. Each message is a payload of SIZE bytes
 * ({@link Payloads}) carrying {@code s} and the {@link System#nanoTime()} it was due at (CLOCK_MONOTONIC, comparable
 * between the processes of one machine), so a late sender shows as latency. Answers
 * {@code DONE sent failed dropped lagP99Micros lagMaxMicros} (failed: {@code sendToUid} threw or its future failed;
 * dropped: accepted but never written to a gateway, since the start), once every push has been handed over. Exits when standard input closes.
 */
public final class Pusher {

    private Pusher() {
    }

    public static void run(Args args) throws Exception {
        String register = args.string("register", "127.0.0.1:1236");
        int gateways = args.integer("gateways", 1);
        String api = args.string("api", "blocking");
        if (!api.equals("blocking") && !api.equals("async")) {
            throw new IllegalArgumentException("--api must be blocking or async, got '" + api + "'");
        }
        boolean async = api.equals("async");
        ClusterConnectionOptions cluster = ClusterConnectionOptions.builder().registerAddresses(register).build();
        try (BenchEngine engine = BenchEngine.from(args, cluster)) {
            args.rejectUnknown();
            try (GatewayClient client = GatewayClient.builder().cluster(cluster).discovery(engine.discovery())
                    .api(engine.api()).build()) {
                awaitGateways(client, gateways);
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] words = line.trim().split(" ");
                    if (words[0].equals("push") && words.length == 6) {
                        System.out.println(push(client, async, Double.parseDouble(words[1]), Double.parseDouble(words[2]),
                                Integer.parseInt(words[3]), Integer.parseInt(words[4]), words[5].split(",")));
                    } else {
                        System.out.println("ERROR unknown command: " + line);
                    }
                    System.out.flush();
                }
            }
        }
    }

    private static void awaitGateways(GatewayClient client, int gateways) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int known = 0;
        while (known < gateways) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("knows " + known + " gateway addresses after 60 s, expected "
                        + gateways);
            }
            Thread.sleep(50);
            try {
                known = client.pool().gatewayAddresses().size();
            } catch (GatewayException e) {
                // the register or Redis is not reachable yet: retry until the deadline
            }
        }
    }

    private static String push(GatewayClient client, boolean async, double rate, double seconds, int threads, int size,
            String[] uids) throws InterruptedException {
        if (uids.length % threads != 0) {
            throw new IllegalArgumentException(uids.length + " uids are not a multiple of " + threads + " threads");
        }
        long total = (long) (rate * seconds);
        double nanosPerPush = 1e9 / rate;
        LongAdder sent = new LongAdder();
        LongAdder failed = new LongAdder();
        Recorder lag = new Recorder(3);
        long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread sender = new Thread(() -> {
                for (long s = first; s < total; s += threads) {
                    long due = start + (long) (s * nanosPerPush);
                    long now = System.nanoTime();
                    if (now < due) {
                        LockSupport.parkNanos(due - now);
                        now = System.nanoTime();
                    }
                    lag.recordValue(Math.max(0, now - due));
                    String uid = uids[(int) (s % uids.length)];
                    if (async) {
                        client.async().sendToUid(List.of(uid), Payloads.text(due, s, size), false)
                                .whenComplete((done, failure) -> (failure == null ? sent : failed).increment());
                        continue;
                    }
                    try {
                        client.sendToUid(uid, Payloads.text(due, s, size));
                        sent.increment();
                    } catch (GatewayException e) {
                        failed.increment();
                    }
                }
            }, "pusher-" + t);
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        // Asynchronous pushes complete within the command timeout (routed, or failed over to every gateway).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sent.sum() + failed.sum() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        var lags = lag.getIntervalHistogram();
        return "DONE " + sent.sum() + " " + failed.sum() + " " + client.pool().droppedCommands() + " "
                + lags.getValueAtPercentile(99) / 1000 + " " + lags.getMaxValue() / 1000;
    }
}
