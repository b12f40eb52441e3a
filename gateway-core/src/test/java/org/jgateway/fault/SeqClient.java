package org.jgateway.fault;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One text client that sends numbered messages {@code <id>:<seq>} and checks the echoes {@code <id>:<seq>|<worker>}:
 * each must arrive once and in order. Broadcasts {@code b:<seq>...} are checked the same way on their own sequence;
 * any other line is kept in {@link #otherLines()}.
 */
final class SeqClient extends SimpleChannelInboundHandler<String> {

    private final String id;
    private final String prefix;
    private volatile Channel channel;
    private volatile boolean closing;
    private volatile boolean disconnected;
    private final AtomicLong nextSeq = new AtomicLong(1);
    /** Send time of every message not yet echoed, by sequence number. */
    private final ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private volatile long lastEchoed;
    private volatile long lastBroadcast;
    private final LongAdder echoes = new LongAdder();
    private final LongAdder broadcasts = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unwritable = new LongAdder();
    private final LongAdder broadcastGaps = new LongAdder();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final Map<String, LongAdder> byWorker = new ConcurrentHashMap<>();
    /** First and last sequence number each worker echoed. */
    private final Map<String, Long> firstSeqByWorker = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeqByWorker = new ConcurrentHashMap<>();
    private final Queue<String> otherLines = new ConcurrentLinkedQueue<>();

    private volatile String padding = "";
    // A burst in progress; touched on the channel's event loop only.
    private int burstLeft;
    private CompletableFuture<Void> burstDone;

    SeqClient(String id) {
        this.id = id;
        this.prefix = id + ':';
    }

    /** Makes every numbered message {@code size} bytes longer (the echo carries it back). */
    void padding(int size) {
        padding = ":" + "p".repeat(size);
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    String id() {
        return id;
    }

    Channel channel() {
        return channel;
    }

    /** Sends the next numbered message; false when the connection is gone. */
    boolean sendNext() {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return false;
        }
        long seq = nextSeq.getAndIncrement();
        pending.put(seq, System.nanoTime());
        ch.writeAndFlush(prefix + seq + padding + "\n", ch.voidPromise());
        return true;
    }

    /**
     * Sends {@code count} numbered messages from the event loop, each as soon as the connection takes writes: it stops
     * when the connection turns unwritable (its socket is full and 64 KiB wait above it) and goes on when it is
     * writable again. So only TCP backpressure makes this client unwritable, never the burst itself.
     */
    CompletableFuture<Void> burst(int count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            burstLeft = count;
            burstDone = done;
            continueBurst();
        });
        return done;
    }

    private void continueBurst() {
        while (burstLeft > 0 && channel.isWritable()) {
            if (!sendNext()) {
                endBurst(new IllegalStateException(id + " closed during its burst"));
                return;
            }
            burstLeft--;
        }
        if (burstLeft == 0) {
            endBurst(null);
        }
    }

    private void endBurst(Throwable failure) {
        CompletableFuture<Void> done = burstDone;
        burstDone = null;
        burstLeft = 0;
        if (done != null) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    void send(String line) {
        channel.writeAndFlush(line + "\n", channel.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (line.startsWith(prefix)) {
            echoed(line);
        } else if (line.startsWith("b:")) {
            long seq = Long.parseLong(line.substring(2, line.indexOf(':', 2)));
            if (seq != lastBroadcast + 1) {
                broadcastGaps.increment();
            }
            lastBroadcast = seq;
            broadcasts.increment();
        } else {
            otherLines.add(line);
        }
    }

    private void echoed(String line) {
        int bar = line.indexOf('|');
        int end = line.indexOf(':', prefix.length());
        long seq = Long.parseLong(line.substring(prefix.length(), end < 0 || end > bar ? bar : end));
        Long sentAt = pending.remove(seq);
        if (sentAt == null || seq <= lastEchoed) {
            // A duplicate or a reply overtaken by a later one.
            outOfOrder.increment();
            if (sentAt == null) {
                duplicates.increment();
            }
        } else {
            long latency = System.nanoTime() - sentAt;
            maxLatencyNanos.accumulateAndGet(latency, Math::max);
        }
        lastEchoed = Math.max(lastEchoed, seq);
        echoes.increment();
        String worker = line.substring(bar + 1);
        byWorker.computeIfAbsent(worker, k -> new LongAdder()).increment();
        firstSeqByWorker.putIfAbsent(worker, seq);
        lastSeqByWorker.merge(worker, seq, Math::max);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            // The gateway stopped reading long enough for our socket and write buffer to fill: TCP backpressure.
            unwritable.increment();
        } else if (burstDone != null) {
            continueBurst();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) {
            disconnected = true;
        }
        endBurst(new IllegalStateException(id + " closed during its burst"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    void close() {
        closing = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    long sent() {
        return nextSeq.get() - 1;
    }

    /** Every message sent has been echoed, or is lost for good once a later one was echoed. */
    boolean caughtUp() {
        return lastEchoed == sent();
    }

    /** Messages whose echo has not arrived: once {@link #caughtUp()}, these are lost. */
    Map<Long, Long> pending() {
        return pending;
    }

    long echoes() {
        return echoes.sum();
    }

    long broadcasts() {
        return broadcasts.sum();
    }

    long broadcastGaps() {
        return broadcastGaps.sum();
    }

    /** Times this client's connection stopped taking writes. */
    long unwritable() {
        return unwritable.sum();
    }

    /** Echoes that were duplicates, or overtaken by a later one. */
    long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Echoes of a message already echoed (a redelivered event the first worker had handled). */
    long duplicates() {
        return duplicates.sum();
    }

    long maxLatencyMillis() {
        return maxLatencyNanos.get() / 1_000_000;
    }

    Map<String, LongAdder> byWorker() {
        return byWorker;
    }

    /** The first sequence number {@code worker} echoed; {@link Long#MAX_VALUE} if none. */
    long firstSeqFrom(String worker) {
        return firstSeqByWorker.getOrDefault(worker, Long.MAX_VALUE);
    }

    /** The last sequence number {@code worker} echoed; 0 if none. */
    long lastSeqFrom(String worker) {
        return lastSeqByWorker.getOrDefault(worker, 0L);
    }

    Queue<String> otherLines() {
        return otherLines;
    }

    boolean disconnected() {
        return disconnected;
    }

    boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }
}
