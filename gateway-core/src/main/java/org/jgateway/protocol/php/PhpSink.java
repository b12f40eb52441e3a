package org.jgateway.protocol.php;

/** Where {@link PhpWriter} puts serialized bytes; lets one writer fill a {@code byte[]} or a Netty buffer. */
interface PhpSink {

    void writeByte(int b);

    void writeBytes(byte[] src, int offset, int length);

    /** Writes {@code text} as UTF-8; {@code utf8Length} is {@link Utf8#encodedLength(CharSequence)} of it. */
    void writeUtf8(CharSequence text, int utf8Length);
}
