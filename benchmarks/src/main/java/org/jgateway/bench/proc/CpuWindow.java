package org.jgateway.bench.proc;

/**
 * CPU time of the server and of this generator over a measured window: {@link #start} after warm-up,
 * {@link #stop} at the end. The server may be several processes (gateway and worker JVMs): their CPU is summed. No
 * server pid means "not measured".
 */
public final class CpuWindow {

    private final long[] serverPids;
    private long serverStart;
    private long selfStart;
    private long wallStart;
    private long serverMicros = -1;
    private long selfMicros;
    private long wallNanos;

    public CpuWindow(long[] serverPids) {
        this.serverPids = serverPids.clone();
    }

    public void start() {
        serverStart = ProcStats.cpuMicros(serverPids);
        selfStart = ProcStats.cpuMicros(ProcStats.self());
        wallStart = System.nanoTime();
    }

    public void stop() {
        wallNanos = System.nanoTime() - wallStart;
        long serverEnd = ProcStats.cpuMicros(serverPids);
        serverMicros = serverStart >= 0 && serverEnd >= 0 ? serverEnd - serverStart : -1;
        selfMicros = ProcStats.cpuMicros(ProcStats.self()) - selfStart;
    }

    /** Server CPU in µs over the window, -1 when not measured. */
    public long serverMicros() {
        return serverMicros;
    }

    public long selfMicros() {
        return selfMicros;
    }

    public double seconds() {
        return wallNanos / 1e9;
    }

    /** Server µs of CPU per operation, NaN when unknown. */
    public double serverPer(long operations) {
        return serverMicros < 0 || operations <= 0 ? Double.NaN : (double) serverMicros / operations;
    }

    public double selfPer(long operations) {
        return operations <= 0 ? Double.NaN : (double) selfMicros / operations;
    }

    /** Server CPU use as a share of one core (1.0 = one core busy). */
    public double serverCores() {
        return serverMicros < 0 ? Double.NaN : serverMicros / (wallNanos / 1e3);
    }

    public double selfCores() {
        return selfMicros / (wallNanos / 1e3);
    }
}
