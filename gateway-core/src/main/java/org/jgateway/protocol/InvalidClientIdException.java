package org.jgateway.protocol;

/** A string that is not a 20-character lowercase-hex client_id. */
public class InvalidClientIdException extends IllegalArgumentException {

    public InvalidClientIdException(String text) {
        super("Invalid client_id '" + text + "': expected 20 lowercase hex characters (lanIp u32, port u16, connection u32)");
    }
}
