package org.jgateway.bench.proc;

/**
 * How a JVM's heap is sized, from {@code jcmd PID VM.flags}: its initial and maximum size and whether every heap
 * page was touched at start ({@code -XX:+AlwaysPreTouch}). Read from the flags rather than the command line because
 * they also reflect {@code JAVA_TOOL_OPTIONS} and {@code -XX:Flags} files.
 */
public record HeapSetup(long initialBytes, long maxBytes, boolean preTouched) {

    /**
     * True when the heap is resident in full from the start ({@code -Xms} = {@code -Xmx} and pre-touched): its RSS
     * then cannot grow with the heap, so an RSS difference is memory outside the heap.
     */
    public boolean fixedAndTouched() {
        return initialBytes > 0 && initialBytes == maxBytes && preTouched;
    }

    /** Parses the output of {@code VM.flags} (one line of {@code -XX:Name=value} and {@code -XX:+Name} tokens). */
    public static HeapSetup parse(String vmFlags) {
        long initial = -1;
        long max = -1;
        boolean preTouch = false;
        for (String token : vmFlags.split("\\s+")) {
            if (token.startsWith("-XX:InitialHeapSize=")) {
                initial = Long.parseLong(token.substring("-XX:InitialHeapSize=".length()));
            } else if (token.startsWith("-XX:MaxHeapSize=")) {
                max = Long.parseLong(token.substring("-XX:MaxHeapSize=".length()));
            } else if (token.equals("-XX:+AlwaysPreTouch")) {
                preTouch = true;
            }
        }
        return new HeapSetup(initial, max, preTouch);
    }
}
