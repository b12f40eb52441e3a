package org.jgateway.bench.scenario;

import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.BenchConnection;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.Connections;
import org.jgateway.bench.client.MessageListener;
import org.jgateway.bench.client.SourceAddresses;
import org.jgateway.bench.client.Target;
import org.jgateway.transport.EventLoopResources;

/**
 * {@code scale-generator}: a child process of {@code scale}. Opens connections {@code --first-index ..} (connection i
 * to target {@code i % targets}), prints {@code READY}, then runs the commands its parent writes to its standard
 * input, one reply line each on standard output (which carries nothing else):
 * <pre>
 * ECHO window timeout_s        -> ECHOED nanos served,.. unserved,.. not_sent misrouted duplicates
 * JOIN group window timeout_s  -> JOINED nanos joined,.. missing,.. not_sent
 * ARM tag                      -> ARMED tag           (count messages "bc;tag;..." from now on)
 * SEND all|say tag [group]     -> SENT tag nanoTime    (sent by this generator's first connection)
 * AWAIT tag timeout_s          -> RECEIVED tag received,.. first_nanos last_nanos duplicates
 * STATS                        -> STATS unexpected_messages closed_connections
 * </pre>
 * Counts are per target ({@code ,}-separated). The connections close when standard input ends. Exists because one
 * process may open at most 20,000 files here.
 */
public final class ScaleGenerator {

    static final String READY = "READY";
    private static final String JOINED_PREFIX = "{\"type\":\"joined\"";

    private final List<BenchConnection> ready;
    private final int firstIndex;
    private final int count;
    private final int targets;
    private final int size;
    private final Tracker tracker;

    private ScaleGenerator(List<BenchConnection> ready, int firstIndex, int count, int targets, int size,
                           Tracker tracker) {
        this.ready = ready;
        this.firstIndex = firstIndex;
        this.count = count;
        this.targets = targets;
        this.size = size;
        this.tracker = tracker;
    }

    /** Hands each message to the current phase's {@link Delivery}; counts what belongs to none. */
    private static final class Tracker implements MessageListener {

        volatile Delivery current;
        final LongAdder unexpected = new LongAdder();
        final LongAdder closed = new LongAdder();

        @Override
        public void onMessage(BenchConnection connection, ByteBuf payload) {
            Delivery d = current;
            if (d == null || !d.offer(connection, payload)) {
                unexpected.increment();
            }
        }

        @Override
        public void onClosed(BenchConnection connection) {
            closed.increment();
        }
    }

    public static void run(Args args) throws Exception {
        List<Target> targets = Arrays.stream(args.required("targets").split(",")).map(Target::parse).toList();
        int count = args.integer("count", 1000);
        int firstIndex = args.integer("first-index", 0);
        int threads = args.integer("threads", 1);
        int size = args.integer("size", 64);
        SourceAddresses sources = Common.sources(args, 0, 1);
        args.rejectUnknown();

        Tracker tracker = new Tracker();
        try (EventLoopResources loops = EventLoopResources.create(threads, "scale-client")) {
            ClientFactory[] factories = targets.stream().map(t -> new ClientFactory(t, loops.borrowed()))
                    .toArray(ClientFactory[]::new);
            Connections.Opened opened = Connections.open(i -> factories[i % factories.length], count, firstIndex,
                    sources, 512, i -> tracker, 600);
            ScaleGenerator generator = new ScaleGenerator(opened.ready(), firstIndex, count, targets.size(), size,
                    tracker);
            reply(READY + " " + opened.ready().size() + " " + opened.failed() + " " + opened.nanos() + " "
                    + csv(generator.readyPerTarget()));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    reply(generator.command(line.trim().split(" ")));
                }
            }
            Connections.closeAll(opened.ready());
        }
    }

    private String command(String[] cmd) throws InterruptedException {
        return switch (cmd[0]) {
            case "ECHO" -> echo(Integer.parseInt(cmd[1]), Double.parseDouble(cmd[2]));
            case "JOIN" -> join(cmd[1], Integer.parseInt(cmd[2]), Double.parseDouble(cmd[3]));
            case "ARM" -> {
                tracker.current = new Delivery("bc;" + cmd[1] + ";", false, firstIndex, count, targets, ready.size(), null);
                yield "ARMED " + cmd[1];
            }
            case "SEND" -> send(cmd[1], cmd[2], cmd.length > 3 ? cmd[3] : "");
            case "AWAIT" -> {
                Delivery d = tracker.current;
                if (d == null) {
                    yield "ERROR AWAIT before ARM";
                }
                d.await(deadline(Double.parseDouble(cmd[2])));
                yield "RECEIVED " + cmd[1] + " " + csv(d.perTarget()) + " " + d.firstNanos() + " " + d.lastNanos()
                        + " " + d.duplicates();
            }
            case "STATS" -> "STATS " + tracker.unexpected.sum() + " " + tracker.closed.sum();
            default -> "ERROR unknown command " + cmd[0];
        };
    }

    /** Every connection sends one message that the reference app echoes; at most {@code window} unanswered. */
    private String echo(int window, double timeoutSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = deadline(timeoutSeconds);
        Semaphore permits = new Semaphore(window);
        Delivery d = new Delivery("echo;", true, firstIndex, count, targets, ready.size(), permits);
        tracker.current = d;
        int notSent = sendWindowed(permits, deadline, c -> {
            StringBuilder m = new StringBuilder("echo;").append(c.index()).append(';');
            while (m.length() < size) {
                m.append('x');
            }
            return m.toString().getBytes(StandardCharsets.US_ASCII);
        });
        d.await(deadline);
        long nanos = System.nanoTime() - start;
        long[] served = d.perTarget();
        return "ECHOED " + nanos + " " + csv(served) + " " + csv(minus(readyPerTarget(), served)) + " " + notSent
                + " " + d.misrouted() + " " + d.duplicates();
    }

    /** Every connection joins {@code group} and waits for its {@code joined} reply. */
    private String join(String group, int window, double timeoutSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = deadline(timeoutSeconds);
        Semaphore permits = new Semaphore(window);
        Delivery d = new Delivery(JOINED_PREFIX, false, firstIndex, count, targets, ready.size(), permits);
        tracker.current = d;
        byte[] command = ("{\"type\":\"join\",\"group\":\"" + group + "\"}").getBytes(StandardCharsets.US_ASCII);
        int notSent = sendWindowed(permits, deadline, c -> command);
        d.await(deadline);
        long[] joined = d.perTarget();
        return "JOINED " + (System.nanoTime() - start) + " " + csv(joined) + " " + csv(minus(readyPerTarget(), joined))
                + " " + notSent;
    }

    /** Sends {@code all} or {@code say} with msg {@code bc;<tag>;<nanoTime>} from the first connection. */
    private String send(String kind, String tag, String group) {
        if (ready.isEmpty()) {
            return "ERROR no connection to send from";
        }
        long now = System.nanoTime();
        String msg = "bc;" + tag + ";" + now;
        String json = kind.equals("say")
                ? "{\"type\":\"say\",\"group\":\"" + group + "\",\"msg\":\"" + msg + "\"}"
                : "{\"type\":\"all\",\"msg\":\"" + msg + "\"}";
        ready.get(0).send(json.getBytes(StandardCharsets.US_ASCII));
        return "SENT " + tag + " " + now;
    }

    /**
     * Sends one message per ready connection, taking a permit each (returned by the reply's delivery), so that at most
     * the window's size wait for replies. Returns how many were not sent because permits ran out until the deadline.
     */
    private int sendWindowed(Semaphore permits, long deadline, Function<BenchConnection, byte[]> message)
            throws InterruptedException {
        int sent = 0;
        for (BenchConnection c : ready) {
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            c.send(message.apply(c));
            sent++;
        }
        return ready.size() - sent;
    }

    private long[] readyPerTarget() {
        long[] counts = new long[targets];
        for (BenchConnection c : ready) {
            counts[c.index() % targets]++;
        }
        return counts;
    }

    private static long[] minus(long[] a, long[] b) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static long deadline(double seconds) {
        return System.nanoTime() + (long) (seconds * 1e9);
    }

    static String csv(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
