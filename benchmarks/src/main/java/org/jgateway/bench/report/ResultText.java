package org.jgateway.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back results printed by {@link Result#toString()} (e.g. saved by {@code bench.sh}), so that runs made by
 * separate processes (one fresh server each) can be summarized as medians afterwards. Lines that are not part of a
 * result (logs, tables) are skipped.
 */
public final class ResultText {

    private ResultText() {
    }

    /**
     * Every result in {@code text}: a line {@code name:} at column 0 followed by indented {@code key value} lines;
     * a value that is not a number (or "-") is a note.
     */
    public static List<Result> parse(String text) {
        List<Result> results = new ArrayList<>();
        Result current = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ") && line.endsWith(":") && line.length() > 1) {
                current = new Result(line.substring(0, line.length() - 1));
                results.add(current);
            } else if (current != null && line.startsWith("  ") && !line.isBlank()) {
                String trimmed = line.strip();
                int space = trimmed.indexOf(' ');
                if (space < 0) {
                    current = null;
                    continue;
                }
                String key = trimmed.substring(0, space);
                String value = trimmed.substring(space).strip();
                Double number = number(value);
                if (number != null) {
                    current.put(key, number);
                } else {
                    current.note(key, value);
                }
            } else {
                current = null;
            }
        }
        return results;
    }

    /** Every result in {@code files}, grouped by scenario name (in order of first appearance). */
    public static Map<String, List<Result>> byScenario(List<Path> files) throws IOException {
        Map<String, List<Result>> byScenario = new LinkedHashMap<>();
        for (Path file : files) {
            for (Result r : parse(Files.readString(file, StandardCharsets.UTF_8))) {
                byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
            }
        }
        return byScenario;
    }

    /** {@code medians FILE...}: each scenario's medians over the results saved in the files, as result text. */
    public static String medians(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Result>> e : byScenario(files).entrySet()) {
            Result median = Suite.median(e.getKey() + " (medians of " + e.getValue().size() + " runs)", e.getValue());
            sb.append(median).append('\n');
        }
        return sb.toString();
    }

    private static Double number(String value) {
        if (value.equals("-")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
