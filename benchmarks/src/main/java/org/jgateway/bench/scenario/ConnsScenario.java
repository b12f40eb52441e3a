package org.jgateway.bench.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.bench.Args;
import org.jgateway.bench.BenchMain;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.Connections;
import org.jgateway.bench.client.SourceAddresses;
import org.jgateway.bench.proc.CpuWindow;
import org.jgateway.bench.report.Result;

/**
 * {@code conns}: opens N idle connections spread over source addresses 127.0.0.1..n (one address has ~28k
 * ephemeral ports) and, above {@code --per-process}, over child processes (one process may open 20,000 files);
 * reports the connect rate, the server's CPU per connection and its memory per connection (see
 * {@link ServerMemory}: RSS difference, live heap after a full GC for JVMs, and their fair sum), so the server must
 * be warm and idle when the run starts.
 * <p>
 * Options: {@code --conns 10000 --per-process 15000 --bind-join (uid + one group of 100 per connection)
 * --settle 3 (s before reading memory) --histogram FILE (the classes the connections added, per connection)
 * --histogram-top 25}, {@code --pid} (required for memory) and the common ones.
 */
public final class ConnsScenario implements Scenario {

    @Override
    public Result run(Args args) throws Exception {
        Common common = Common.read(args, 0, 0);
        int conns = args.integer("conns", 10_000);
        int perProcess = args.integer("per-process", 15_000);
        boolean bindJoin = args.flag("bind-join");
        double settle = args.decimal("settle", 3);
        String histogramFile = args.string("histogram", null);
        int histogramTop = args.integer("histogram-top", 25);
        // From 127.0.0.2 by default: 127.0.0.1 is where other runs (churn) leave ports in TIME_WAIT, which bind() skips.
        SourceAddresses sources = Common.sources(args, Math.max(1, (conns + 19_999) / 20_000), 2);
        args.rejectUnknown();

        ServerMemory memory = ServerMemory.of(common.serverPids(), histogramFile != null);
        ServerMemory.Snapshot before = memory.snapshot();
        CpuWindow cpu = new CpuWindow(common.serverPids());
        cpu.start();
        Measured measured = new Measured(memory, before, histogramFile == null ? null : Path.of(histogramFile), histogramTop);
        int ready;
        int failed;
        long connectNanos;
        String name = "conns " + common.target().protocol().name().toLowerCase() + " " + conns
                + (bindJoin ? " +uid+group" : "");
        if (conns <= perProcess) {
            try (ClientFactory factory = new ClientFactory(common.target(), common.threads())) {
                ConnsHolder.Batch batch = ConnsHolder.open(factory, conns, 0, sources, bindJoin);
                cpu.stop();
                ready = batch.opened().ready().size();
                failed = batch.failed();
                connectNanos = batch.nanos();
                Common.sleep(settle);
                Result result = measured.result(name, cpu, ready, failed, connectNanos);
                Connections.closeAll(batch.opened().ready());
                return result;
            }
        }
        List<Process> children = new ArrayList<>();
        try {
            for (int first = 0; first < conns; first += perProcess) {
                children.add(spawn(common, sources, Math.min(perProcess, conns - first), first, bindJoin));
            }
            ready = 0;
            failed = 0;
            connectNanos = 0;
            for (Process child : children) {
                long[] report = awaitReady(child);
                ready += (int) report[0];
                failed += (int) report[1];
                connectNanos = Math.max(connectNanos, report[2]);
            }
            cpu.stop();
            Common.sleep(settle);
            return measured.result(name, cpu, ready, failed, connectNanos);
        } finally {
            for (Process child : children) {
                child.getOutputStream().close();
            }
            for (Process child : children) {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroy();
                }
            }
        }
    }

    /** The memory measurement around one run: the snapshot before, and where the histogram goes. */
    private record Measured(ServerMemory memory, ServerMemory.Snapshot before, Path histogram, int histogramTop) {

        /** Takes the snapshot after (the connections are open and settled) and builds the run's result. */
        Result result(String name, CpuWindow cpu, int ready, int failed, long connectNanos) throws IOException {
            ServerMemory.Snapshot after = memory.snapshot();
            Result result = new Result(name)
                    .put("conns", ready)
                    .put("connects_per_s", connectNanos <= 0 ? Double.NaN : ready * 1e9 / connectNanos)
                    .put("server_us_per_conn", cpu.serverPer(ready));
            memory.report(result, before, after, ready);
            result.put("errors", failed);
            if (histogram != null && memory.measuresHistogram()) {
                memory.writeHistogram(histogram, before, after, ready, name, histogramTop);
            }
            return result;
        }
    }

    private static Process spawn(Common common, SourceAddresses sources, int count, int firstIndex, boolean bindJoin)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), "conns-worker",
                "--target", common.target().toString(),
                "--count", Integer.toString(count),
                "--first-index", Integer.toString(firstIndex),
                "--threads", Integer.toString(common.threads()),
                "--sources", Integer.toString(sources.count()),
                "--first-source", Integer.toString(sources.first())));
        if (bindJoin) {
            command.add("--bind-join");
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the child's READY line: {ready, failed, nanos}. */
    private static long[] awaitReady(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(ConnsWorker.READY + " ")) {
                String[] parts = line.split(" ");
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])};
            }
        }
        throw new IllegalStateException("conns-worker exited before it was ready (exit code "
                + (child.isAlive() ? "?" : child.exitValue()) + ")");
    }
}
