package org.jgateway.fault;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;

/**
 * The business logic of a test worker: replies {@code <message>|<workerName>} so a client can tell which worker
 * served each message. {@code block:<ms>} holds the handler thread that long first (a handler stuck on I/O), and
 * {@code join:<group>} joins a group (a subscription) before answering.
 */
final class EchoHandler implements WorkerEventHandler {

    private final String name;
    private final long delayNanos;

    /** {@code delayMillis} is spent in every message callback: a worker slower than its clients. */
    EchoHandler(String name, int delayMillis) {
        this.name = name;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    @Override
    public void onMessage(EventContext context, byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        if (text.startsWith("block:")) {
            sleep(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(text.substring("block:".length()))));
        } else if (text.startsWith("join:")) {
            context.api().joinGroup(context.clientId(), text.substring("join:".length()));
        }
        if (delayNanos > 0) {
            sleep(delayNanos);
        }
        context.api().sendToCurrentClient(text + '|' + name);
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
