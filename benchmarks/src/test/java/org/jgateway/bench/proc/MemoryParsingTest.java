package org.jgateway.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parsing of jcmd outputs that the memory-per-connection figures rest on. */
class MemoryParsingTest {

    @Test
    void g1HeapInfoGivesTheUsedBytes() {
        String g1 = """
                 garbage-first heap   total 262144K, used 5724K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 0 young (0K), 0 survivors (0K)
                 Metaspace       used 13203K, committed 13504K, reserved 1114112K
                  class space    used 1652K, committed 1792K, reserved 1048576K
                """;
        assertThat(JvmHeap.usedBytes(g1)).isEqualTo(5724L * 1024);
    }

    @Test
    void generationalHeapInfoAddsTheSpaces() {
        String parallel = """
                 PSYoungGen      total 76288K, used 3932K [0x000000076ab00000, 0x0000000770000000, 0x00000007c0000000)
                  eden space 65536K, 6% used [0x000000076ab00000,0x000000076aed7240,0x000000076eb00000)
                 ParOldGen       total 175104K, used 100K [0x00000006c0000000, 0x00000006cab00000, 0x000000076ab00000)
                 Metaspace       used 3000K, committed 3200K, reserved 1056768K
                """;
        assertThat(JvmHeap.usedBytes(parallel)).isEqualTo((3932L + 100) * 1024);
        assertThat(JvmHeap.usedBytes("nothing here")).isEqualTo(-1);
    }

    @Test
    void onlyAFixedPreTouchedHeapCountsAsFixed() {
        assertThat(HeapSetup.parse("-XX:+AlwaysPreTouch -XX:InitialHeapSize=1073741824 -XX:MaxHeapSize=1073741824 "
                + "-XX:+UseG1GC").fixedAndTouched()).isTrue();
        assertThat(HeapSetup.parse("-XX:InitialHeapSize=1073741824 -XX:MaxHeapSize=1073741824").fixedAndTouched())
                .isFalse();
        assertThat(HeapSetup.parse("-XX:+AlwaysPreTouch -XX:InitialHeapSize=268435456 -XX:MaxHeapSize=1073741824")
                .fixedAndTouched()).isFalse();
    }

    @Test
    void histogramDifferenceIsByClassName() {
        ClassHistogram before = ClassHistogram.parse("""
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:           100          10000  [B (java.base@17.0.15)
                   2:            10            800  java.lang.String (java.base@17.0.15)
                Total           110          10800
                """);
        ClassHistogram after = ClassHistogram.parse("""
                   1:           300          30000  [B (java.base@17.0.15)
                   2:            10            800  java.lang.String (java.base@17.0.15)
                   3:           100           6400  io.netty.channel.DefaultChannelPipeline
                Total           410          37200
                """);
        ClassHistogram diff = after.minus(before);
        assertThat(diff.totalBytes()).isEqualTo(26400);
        assertThat(diff.top(1).get(0)).isEqualTo(new ClassHistogram.Entry("[B", 200, 20000));
        assertThat(diff.table(2, 100)).contains("200.0", "64.0", "io.netty.channel.DefaultChannelPipeline", "TOTAL");
    }
}
