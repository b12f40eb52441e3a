package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the queries that missed a command written before them, so a test reports all of them at once. */
final class StaleReads {

    private final List<String> stale = new ArrayList<>();
    private int reads;

    /** Records a stale read when {@code actual} differs from what the commands before the query imply. */
    void check(String query, Object actual, Object expected) {
        reads++;
        if (!Objects.equals(actual, expected)) {
            stale.add(query + ": got " + actual + ", expected " + expected);
        }
    }

    void assertNone() {
        assertThat(stale).as("stale reads among %d queries", reads).isEmpty();
    }
}
