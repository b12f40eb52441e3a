package org.jgateway.history;

import java.time.Duration;
import java.util.Objects;

/**
 * Which streams keep history and how much: streams whose id matches {@code pattern} keep their last {@code size}
 * messages, each for at most {@code ttl}.
 *
 * @param pattern a stream id, where {@code *} stands for any run of characters ({@code room:*}, {@code *}); never
 *                empty
 * @param size    how many messages a stream keeps, at least 1
 * @param ttl     how long a message is kept, positive
 */
public record HistoryPolicy(String pattern, int size, Duration ttl) {

    /** Messages kept per stream unless said otherwise: 100. */
    public static final int DEFAULT_SIZE = 100;

    /** How long a message is kept unless said otherwise: 10 minutes. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public HistoryPolicy {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(ttl, "ttl");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("history pattern must not be empty");
        }
        if (size < 1) {
            throw new IllegalArgumentException("history size must be at least 1: " + size);
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("history ttl must be positive: " + ttl);
        }
    }

    /** A policy with {@link #DEFAULT_SIZE} and {@link #DEFAULT_TTL}. */
    public static HistoryPolicy of(String pattern) {
        return new HistoryPolicy(pattern, DEFAULT_SIZE, DEFAULT_TTL);
    }

    /** Whether {@code id} matches the pattern ({@code *}: any run of characters, everything else literally). */
    public boolean matches(String id) {
        return matches(pattern, 0, id, 0);
    }

    private static boolean matches(String pattern, int p, String id, int i) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                while (p < pattern.length() && pattern.charAt(p) == '*') {
                    p++;
                }
                if (p == pattern.length()) {
                    return true;
                }
                for (int from = i; from <= id.length(); from++) {
                    if (matches(pattern, p, id, from)) {
                        return true;
                    }
                }
                return false;
            }
            if (i == id.length() || id.charAt(i) != c) {
                return false;
            }
            p++;
            i++;
        }
        return i == id.length();
    }
}
