package org.jgateway.bench.report;

import java.util.ArrayList;
import java.util.List;

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
