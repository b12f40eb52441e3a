package org.jgateway.register;

import java.util.concurrent.atomic.LongAdder;

/** The register's monotonic counters; written on I/O threads, read by {@link RegisterServer#stats()}. */
final class RegisterCounters {

    final LongAdder authTimeouts = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder wrongSecrets = new LongAdder();
    final LongAdder messages = new LongAdder();
}
