package org.jgateway.bench.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Local addresses 127.0.0.1 .. 127.0.0.n to bind before connecting: one source address has only the ephemeral port
 * range (~28k ports here), so many connections or a fast connect/close loop need several.
 */
public final class SourceAddresses {

    private final InetSocketAddress[] addresses;
    private final int first;

    public SourceAddresses(int count, int first) {
        if (count < 1 || first + count > 255) {
            throw new IllegalArgumentException("source addresses must be within 127.0.0.1..127.0.0.254");
        }
        this.first = first;
        addresses = new InetSocketAddress[count];
        for (int i = 0; i < count; i++) {
            try {
                addresses[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (first + i)}), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The source address for connection number {@code index} (round robin). */
    public InetSocketAddress forIndex(long index) {
        return addresses[(int) (index % addresses.length)];
    }

    /** The last byte of the first address. */
    public int first() {
        return first;
    }

    public int count() {
        return addresses.length;
    }
}
