package org.jgateway.it;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;

/**
 * A worker handler for integration tests: records every event as a line ("connect CID", "message CID TEXT",
 * "close CID", "ws CID QUERY"), and answers messages with {@link #onMessage} — by default an echo.
 */
final class RecordingEvents implements WorkerEventHandler {

    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final String name;
    /** Echo; "whoami" answers the client's id (tests learn ids this way: connect events of clients race). */
    static final BiConsumer<EventContext, String> ECHO = (ctx, text) ->
            ctx.api().sendToCurrentClient(text.equals("whoami") ? ctx.clientId() : text);

    volatile BiConsumer<EventContext, String> onMessage = ECHO;

    RecordingEvents(String name) {
        this.name = name;
    }

    @Override
    public void onConnect(EventContext context) {
        events.add("connect " + context.clientId());
    }

    @Override
    public void onWebSocketConnect(EventContext context, Map<String, Object> data) {
        events.add("ws " + context.clientId() + " " + data.get("get"));
    }

    @Override
    public void onMessage(EventContext context, byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        events.add("message " + context.clientId() + " " + text);
        onMessage.accept(context, text);
    }

    @Override
    public void onClose(EventContext context) {
        events.add("close " + context.clientId());
    }

    /** The next event line, waiting up to 5 s. */
    String next() {
        try {
            String event = events.poll(5, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError(name + ": no event within 5 s");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips events until one starts with {@code prefix}; returns it. */
    String nextStartingWith(String prefix) {
        while (true) {
            String event = next();
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }
}
