package org.jgateway.fault;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;

/**
 * The business logic of a test worker: replies {@code <message>|<workerName>} so a client can tell which worker
 * served each message. {@code block:<key>} first answers {@code blocking:<key>|<workerName>}, then holds the handler
 * thread (a handler stuck on I/O) until some client sends {@code release:<key>}; {@code join:<group>} joins a group (a
 * subscription) before answering.
 */
final class EchoHandler implements WorkerEventHandler {

    private final String name;
    private final long delayNanos;
    private final Map<String, CountDownLatch> blocks = new ConcurrentHashMap<>();

    /** {@code delayMillis} is spent in every message callback: a worker slower than its clients. */
    EchoHandler(String name, int delayMillis) {
        this.name = name;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    @Override
    public void onMessage(EventContext context, byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        if (text.startsWith("block:")) {
            String key = text.substring("block:".length());
            context.api().sendToCurrentClient("blocking:" + key + '|' + name);
            awaitUninterruptibly(block(key));
        } else if (text.startsWith("release:")) {
            block(text.substring("release:".length())).countDown();
        } else if (text.startsWith("join:")) {
            context.api().joinGroup(context.clientId(), text.substring("join:".length()));
        }
        if (delayNanos > 0) {
            sleep(delayNanos);
        }
        context.api().sendToCurrentClient(text + '|' + name);
    }

    private CountDownLatch block(String key) {
        return blocks.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
