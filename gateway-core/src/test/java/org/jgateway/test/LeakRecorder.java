package org.jgateway.test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Logback appender that records Netty's leak reports ({@code LEAK: ...} errors of {@code ResourceLeakDetector}).
 * Wired in {@code logback-test.xml}; {@link NettyLeakDetectionExtension} fails the test class on any record.
 */
public class LeakRecorder extends AppenderBase<ILoggingEvent> {

    private static final List<String> LEAKS = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().contains("LEAK:")) {
            synchronized (LEAKS) {
                LEAKS.add(event.getFormattedMessage());
            }
        }
    }

    /** Returns and forgets the leaks recorded so far. */
    public static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}
