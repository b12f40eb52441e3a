package org.jgateway.protocol.php;

import io.netty.buffer.ByteBuf;

/** Appends to a Netty buffer, encoding strings straight into its backing array when it has one. */
final class ByteBufSink implements PhpSink {

    private final ByteBuf buf;

    ByteBufSink(ByteBuf buf) {
        this.buf = buf;
    }

    @Override
    public void writeByte(int b) {
        buf.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] src, int offset, int length) {
        buf.writeBytes(src, offset, length);
    }

    @Override
    public void writeUtf8(CharSequence text, int utf8Length) {
        buf.ensureWritable(utf8Length);
        if (buf.hasArray()) {
            int start = buf.arrayOffset() + buf.writerIndex();
            Utf8.encode(text, buf.array(), start);
            buf.writerIndex(buf.writerIndex() + utf8Length);
            return;
        }
        // Netty's own writeUtf8 mangles some unpaired surrogates differently from the length we declared, so encode
        // ourselves; direct buffers get one temporary array.
        byte[] bytes = new byte[utf8Length];
        Utf8.encode(text, bytes, 0);
        buf.writeBytes(bytes);
    }
}
