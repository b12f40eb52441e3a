package org.jgateway.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code memory-table FILE...}: the medians of {@code conns} results saved in files (one fresh server per run),
 * grouped by scenario name, as a Markdown table of memory per connection and connect rate.
 */
public final class MemoryTable {

    private MemoryTable() {
    }

    /** Reads every file, groups the results by scenario and prints the table of medians. */
    public static String run(List<Path> files) throws IOException {
        Map<String, List<Result>> byScenario = ResultText.byScenario(files);
        List<Result> medians = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();
        byScenario.forEach((name, results) -> {
            medians.add(Suite.median(name, results));
            runs.add(results.size());
        });
        return table(medians, runs);
    }

    /** The table; {@code runs.get(i)} is how many runs result i is the median of. */
    public static String table(List<Result> medians, List<Integer> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | runs | conns | rss KB/conn | heap live B/conn | mem KB/conn | connects/s | server µs/conn | errors |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < medians.size(); i++) {
            Result r = medians.get(i);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", r.scenario(),
                    runs.get(i), Result.format(r.get("conns")), Result.format(r.get("rss_per_conn_kb")),
                    Result.format(r.get("heap_live_per_conn_b")), Result.format(r.get("mem_per_conn_kb")),
                    Result.format(r.get("connects_per_s")), Result.format(r.get("server_us_per_conn")),
                    Result.format(r.get("errors"))));
            String method = r.note("memory_method");
            if (method != null && !methods.contains(method)) {
                methods.add(method);
            }
        }
        for (String method : methods) {
            sb.append("\nmem KB/conn method: ").append(method).append('\n');
        }
        return sb.toString();
    }
}
