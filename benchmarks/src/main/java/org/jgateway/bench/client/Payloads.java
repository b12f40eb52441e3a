package org.jgateway.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Timestamped payloads: {@code t=<19 digits>;s=<10 digits>;} padded with {@code x} to the requested size. The
 * digits are nanoseconds of {@link #now()} at send, so the receiver computes latency without any lookup, and the
 * payload is plain ASCII that the reference app echoes verbatim (not JSON) and that fits in a JSON string.
 */
public final class Payloads {

    /** Bytes of the fixed prefix; smaller payloads are not timestamped. */
    public static final int PREFIX = 2 + 19 + 3 + 10 + 1;

    private static final long ORIGIN = System.nanoTime();

    private Payloads() {
    }

    /** Nanoseconds since this class loaded: positive, so it always fits the 19 digits. */
    public static long now() {
        return System.nanoTime() - ORIGIN;
    }

    /** Writes a payload of exactly {@code max(size, PREFIX)} bytes. */
    public static void write(ByteBuf out, long nanos, long seq, int size) {
        out.writeByte('t').writeByte('=');
        digits(out, nanos, 19);
        out.writeByte(';').writeByte('s').writeByte('=');
        digits(out, seq % 10_000_000_000L, 10);
        out.writeByte(';');
        for (int i = PREFIX; i < size; i++) {
            out.writeByte('x');
        }
    }

    /** The same payload as {@link #write} writes, as a string (for APIs that take strings). */
    public static String text(long nanos, long seq, int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, PREFIX)).append("t=");
        padded(sb, nanos, 19);
        sb.append(";s=");
        padded(sb, seq % 10_000_000_000L, 10);
        sb.append(';');
        for (int i = PREFIX; i < size; i++) {
            sb.append('x');
        }
        return sb.toString();
    }

    private static void padded(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }

    /** The sequence number of a payload written by {@link #write}, or -1 when it is not one. */
    public static long sequence(ByteBuf payload) {
        if (timestamp(payload) < 0) {
            return -1;
        }
        int at = payload.readerIndex() + 2 + 19;
        if (payload.getByte(at) != ';' || payload.getByte(at + 1) != 's' || payload.getByte(at + 2) != '=') {
            return -1;
        }
        return decimal(payload, at + 3, 10);
    }

    /** The timestamp of a payload written by {@link #write}, or -1 when it is not one. */
    public static long timestamp(ByteBuf payload) {
        int at = payload.readerIndex();
        if (payload.readableBytes() < PREFIX || payload.getByte(at) != 't' || payload.getByte(at + 1) != '=') {
            return -1;
        }
        return decimal(payload, at + 2, 19);
    }

    /** The {@code width} decimal digits at {@code from}, or -1 when one is not a digit. */
    private static long decimal(ByteBuf payload, int from, int width) {
        long v = 0;
        for (int i = from; i < from + width; i++) {
            int d = payload.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * The timestamp of the payload that follows the first {@code marker} in {@code message} (a payload inside a JSON
     * string, say), or -1 when there is none.
     */
    public static long timestampAfter(ByteBuf message, byte[] marker) {
        int from = message.readerIndex();
        int last = message.writerIndex() - marker.length;
        for (int at = from; at <= last; at++) {
            if (matches(message, at, marker)) {
                return timestamp(message.slice(at + marker.length, message.writerIndex() - at - marker.length));
            }
        }
        return -1;
    }

    private static boolean matches(ByteBuf message, int at, byte[] marker) {
        for (int i = 0; i < marker.length; i++) {
            if (message.getByte(at + i) != marker[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the payload starts with {@code prefix} (ASCII). */
    public static boolean startsWith(ByteBuf payload, byte[] prefix) {
        if (payload.readableBytes() < prefix.length) {
            return false;
        }
        int at = payload.readerIndex();
        for (int i = 0; i < prefix.length; i++) {
            if (payload.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void digits(ByteBuf out, long value, int width) {
        int start = out.writerIndex();
        out.writeZero(width);
        long v = value;
        for (int i = start + width - 1; i >= start; i--) {
            out.setByte(i, (int) ('0' + v % 10));
            v /= 10;
        }
    }
}
