package org.jgateway.gateway;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the gateway's command execution, updated from any thread. {@link LongAdder}s because every worker
 * connection's event loop updates them concurrently and reads are rare (metrics scrapes).
 */
public final class GatewayCommandStats {

    private final LongAdder commands = new LongAdder();
    private final LongAdder queries = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder invalidCommands = new LongAdder();
    private final LongAdder recoveriesCompleted = new LongAdder();
    private final LongAdder recoveriesIncomplete = new LongAdder();
    private final LongAdder recoveryReadFailures = new LongAdder();

    /** Fire-and-forget commands executed (including those addressed to clients no longer connected). */
    public long commandsExecuted() {
        return commands.sum();
    }

    /** Queries answered. */
    public long queriesAnswered() {
        return queries.sum();
    }

    /** Messages handed to client connections (a broadcast to n clients counts n; kick goodbyes count too). */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Commands and queries rejected with {@link InvalidCommandException}. */
    public long invalidCommands() {
        return invalidCommands.sum();
    }

    /** Recoveries ({@code RECOVER}) that gave the client every message after its position. */
    public long recoveriesCompleted() {
        return recoveriesCompleted.sum();
    }

    /**
     * Recoveries that could not: another epoch, a position older than what is kept, or a history that could not be
     * read ({@link #recoveryReadFailures()}); they delivered no old message.
     */
    public long recoveriesIncomplete() {
        return recoveriesIncomplete.sum();
    }

    /** Recoveries made incomplete because the history store failed (a shared store unreachable). */
    public long recoveryReadFailures() {
        return recoveryReadFailures.sum();
    }

    void recoveryCompleted() {
        recoveriesCompleted.increment();
    }

    void recoveryIncomplete() {
        recoveriesIncomplete.increment();
    }

    void recoveryReadFailed() {
        recoveryReadFailures.increment();
    }

    void commandExecuted() {
        commands.increment();
    }

    void queryAnswered() {
        queries.increment();
    }

    void messagesSent(long count) {
        if (count != 0) {
            messagesSent.add(count);
        }
    }

    void invalidCommand() {
        invalidCommands.increment();
    }

    @Override
    public String toString() {
        return "GatewayCommandStats{commands=" + commandsExecuted() + ", queries=" + queriesAnswered()
                + ", messagesSent=" + messagesSent() + ", invalid=" + invalidCommands() + '}';
    }
}
