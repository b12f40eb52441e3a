package org.jgateway.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every test class through
 * JUnit's extension auto-detection ({@code junit-platform.properties}); the test JVM runs the detector at PARANOID.
 * <p>
 * Leaks are only noticed once the leaked buffer is collected and a later allocation polls the detector's queue, so
 * after each class we collect garbage and allocate a few tracked buffers before looking.
 */
public class NettyLeakDetectionExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("Tests must run with -Dio.netty.leakDetection.level=PARANOID");
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            pollDetectors();
        }
        List<String> leaks = LeakRecorder.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leak(s) during "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    private static void pollDetectors() {
        for (int i = 0; i < 16; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            pooled.release();
            ByteBuf heap = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
            heap.release();
        }
    }
}
