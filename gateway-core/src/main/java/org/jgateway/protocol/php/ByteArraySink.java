package org.jgateway.protocol.php;

import java.util.Arrays;

/** A growable byte array, so serializing a value costs one buffer and one final copy. */
final class ByteArraySink implements PhpSink {

    /** Arrays slightly below Integer.MAX_VALUE are the largest every JVM allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private byte[] buffer;
    private int size;

    ByteArraySink(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    @Override
    public void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void writeBytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, buffer, size, length);
        size += length;
    }

    @Override
    public void writeUtf8(CharSequence text, int utf8Length) {
        ensure(utf8Length);
        size = Utf8.encode(text, buffer, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        long needed = (long) size + extra;
        if (needed <= buffer.length) {
            return;
        }
        if (needed > MAX_CAPACITY) {
            throw new PhpSerializationException("Serialized value would exceed " + MAX_CAPACITY + " bytes");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_CAPACITY, Math.max(needed, 2L * buffer.length)));
    }
}
