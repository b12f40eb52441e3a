package org.jgateway.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which groups and uids keep history ({@link HistoryPolicy} patterns, the first match wins) and, for the memory
 * store, how much memory all histories may take together. Immutable; build with {@link #builder()}. The defaults keep
 * no history at all.
 */
public final class HistoryOptions {

    /** What the memory store may hold in all, message bytes plus bookkeeping: 64 MiB. */
    public static final long DEFAULT_MAX_MEMORY = 64L * 1024 * 1024;

    private static final HistoryOptions NONE = builder().build();

    private final List<HistoryPolicy> groups;
    private final List<HistoryPolicy> uids;
    private final long maxMemory;

    private HistoryOptions(Builder builder) {
        this.groups = List.copyOf(builder.groups);
        this.uids = List.copyOf(builder.uids);
        this.maxMemory = builder.maxMemory;
    }

    /** No stream keeps history. */
    public static HistoryOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The group patterns, in the order they are tried. */
    public List<HistoryPolicy> groups() {
        return groups;
    }

    /** The uid patterns, in the order they are tried. */
    public List<HistoryPolicy> uids() {
        return uids;
    }

    /** The memory store's cap in bytes. */
    public long maxMemory() {
        return maxMemory;
    }

    /** Whether any stream keeps history. */
    public boolean isEnabled() {
        return !groups.isEmpty() || !uids.isEmpty();
    }

    /** The policy of {@code stream}: the first pattern of its kind that matches, or null when it keeps no history. */
    public HistoryPolicy policyFor(HistoryStream stream) {
        for (HistoryPolicy policy : stream.kind() == HistoryStream.Kind.GROUP ? groups : uids) {
            if (policy.matches(stream.id())) {
                return policy;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "HistoryOptions{groups=" + groups + ", uids=" + uids + ", maxMemory=" + maxMemory + '}';
    }

    /** Builder of {@link HistoryOptions}. */
    public static final class Builder {

        private final List<HistoryPolicy> groups = new ArrayList<>();
        private final List<HistoryPolicy> uids = new ArrayList<>();
        private long maxMemory = DEFAULT_MAX_MEMORY;

        private Builder() {
        }

        /** Groups matching the policy's pattern keep history. */
        public Builder group(HistoryPolicy policy) {
            groups.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Uids matching the policy's pattern keep history (also while none of their connections is online). */
        public Builder uid(HistoryPolicy policy) {
            uids.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Default {@link HistoryOptions#DEFAULT_MAX_MEMORY}; must be positive. */
        public Builder maxMemory(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("history maxMemory must be positive: " + bytes);
            }
            this.maxMemory = bytes;
            return this;
        }

        public HistoryOptions build() {
            return new HistoryOptions(this);
        }
    }
}
