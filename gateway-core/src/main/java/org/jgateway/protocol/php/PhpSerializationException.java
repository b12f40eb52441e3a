package org.jgateway.protocol.php;

/** A value PHP serialization cannot carry, or bytes that are not a (safe) PHP-serialized value. */
public class PhpSerializationException extends IllegalArgumentException {

    public PhpSerializationException(String message) {
        super(message);
    }
}
