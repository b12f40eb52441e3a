package org.jgateway.bench.scenario;

import java.util.concurrent.TimeUnit;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.SourceAddresses;
import org.jgateway.bench.client.Target;
import org.jgateway.bench.proc.ProcStats;

/**
 * The options every scenario shares: {@code --target} (ws://host:port/path or tcp://host:port), {@code --pid} (the
 * server's, for its CPU; a comma-separated list when it runs as several processes; absent = not measured), {@code --threads} (generator event loops), {@code --warmup} and
 * {@code --duration} (seconds), {@code --sources} / {@code --first-source} (local addresses to bind).
 */
record Common(Target target, long[] serverPids, int threads, double warmupSeconds, double durationSeconds,
              SourceAddresses sources) {

    static Common read(Args args, double defaultWarmup, double defaultDuration) {
        return new Common(Target.parse(args.string("target", "ws://127.0.0.1:7272/")),
                ProcStats.parsePids(args.string("pid", "")),
                args.integer("threads", 1),
                args.decimal("warmup", defaultWarmup),
                args.decimal("duration", defaultDuration),
                sources(args, 0, 1));
    }

    /**
     * {@code --sources n} local addresses from {@code --first-source} (127.0.0.x), or null to let the kernel choose:
     * without an explicit bind, connect() can reuse loopback ports in TIME_WAIT, which bind() cannot.
     */
    static SourceAddresses sources(Args args, int fallback, int firstFallback) {
        int count = args.integer("sources", fallback);
        int first = args.integer("first-source", firstFallback);
        return count <= 0 ? null : new SourceAddresses(count, first);
    }

    static void sleep(double seconds) throws InterruptedException {
        TimeUnit.MICROSECONDS.sleep((long) (seconds * 1e6));
    }
}
