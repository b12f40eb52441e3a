package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandledWatermarkTest {

    @Test
    void theWatermarkCoversOnlyAnUnbrokenPrefix() {
        HandledWatermark watermark = new HandledWatermark();
        for (int i = 0; i < 4; i++) {
            assertThat(watermark.received()).isEqualTo(i);
        }
        watermark.handled(1);
        watermark.handled(3);
        assertThat(watermark.watermark()).isZero();
        watermark.handled(0);
        assertThat(watermark.watermark()).isEqualTo(2);
        watermark.handled(2);
        assertThat(watermark.watermark()).isEqualTo(4);
    }

    /** Events finish in any order, far beyond the initial ring: the watermark is always the longest handled prefix. */
    @Test
    void anyOrderOfHandlingGivesTheLongestHandledPrefix() {
        qt().forAll(integers().between(1, 2_000), longs().all()).checkAssert((count, seed) -> {
            HandledWatermark watermark = new HandledWatermark();
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                order.add(watermark.received());
            }
            Collections.shuffle(order, new Random(seed));
            boolean[] handled = new boolean[count];
            int prefix = 0;
            for (long seq : order) {
                watermark.handled(seq);
                handled[(int) seq] = true;
                while (prefix < count && handled[prefix]) {
                    prefix++;
                }
                assertThat(watermark.watermark()).isEqualTo(prefix);
            }
        });
    }
}
