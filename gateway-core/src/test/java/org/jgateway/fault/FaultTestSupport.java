package org.jgateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** Processes and clients of one fault test, all released after it whatever happened. */
abstract class FaultTestSupport {

    /**
     * How long any wait of these tests may take before it fails: generous, since the roles share two loaded cores with
     * the builds of others, and a wait that is met returns at once.
     */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    protected Nodes nodes;
    protected ClientFleet fleet;
    private String testName;

    @BeforeEach
    void startSupport(TestInfo info) {
        testName = getClass().getSimpleName() + "." + info.getTestMethod().orElseThrow().getName();
        nodes = new Nodes(testName);
        fleet = new ClientFleet();
    }

    @AfterEach
    void stopSupport() {
        fleet.close();
        nodes.close();
    }

    protected void figures(String text) {
        Figures.record(testName, text);
    }

    /** Waits until {@code value} grew by {@code delta}: lets steady traffic run for a while without sleeping. */
    protected static void awaitGrowth(LongSupplier value, long delta, Duration atMost) {
        long target = value.getAsLong() + delta;
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> value.getAsLong() >= target);
    }

    /**
     * Waits like Awaitility but returns whether the condition was met, so that a test can still print its figures
     * and fail on the figure that is wrong rather than on a timeout.
     */
    protected static boolean awaitOrGiveUp(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** No node reported a Netty buffer leak (each runs the detector at PARANOID). */
    protected static void assertNoLeaks(List<Node> running) {
        for (Node node : running) {
            assertThat(node.stat("leaks")).as("leaks reported by %s", node).isZero();
        }
    }

    protected static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
