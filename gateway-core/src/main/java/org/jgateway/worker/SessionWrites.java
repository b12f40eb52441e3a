package org.jgateway.worker;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.jgateway.protocol.ClientId;
import org.jspecify.annotations.Nullable;

/**
 * The sessions this worker wrote that the gateway may not have applied yet, per client.
 * <p>
 * An event carries the session the gateway had when it forwarded the event. If the worker wrote a newer one since
 * (its SET_SESSION was still on the way), the event's copy is stale. GatewayWorker re-reads the session with a
 * blocking query in that case, which races with the write on another connection. Here the worker remembers what
 * it wrote and what that replaced: an event carrying a replaced version gets the latest write, an event carrying the
 * latest write shows the gateway caught up, and anything else is a change made by someone else, which wins.
 * <p>
 * A client has an entry only while one of its writes may be in flight; accessed on the client's lane only.
 */
final class SessionWrites {

    /** Versions a client's session went through since the gateway last confirmed one of ours. */
    private static final int MAX_SUPERSEDED = 8;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        final long[] superseded = new long[MAX_SUPERSEDED];
        int supersededCount;
        long latest;
        byte @Nullable [] latestBytes;

        boolean isSuperseded(long crc) {
            for (int i = 0; i < supersededCount; i++) {
                if (superseded[i] == crc) {
                    return true;
                }
            }
            return false;
        }

        void supersede(long crc) {
            if (isSuperseded(crc)) {
                return;
            }
            if (supersededCount == MAX_SUPERSEDED) {
                System.arraycopy(superseded, 1, superseded, 0, MAX_SUPERSEDED - 1);
                supersededCount--;
            }
            superseded[supersededCount++] = crc;
        }
    }

    /**
     * The session bytes to use for an event that carries {@code ext}: {@code ext} itself, or this worker's latest
     * write when {@code ext} is a version that write replaced.
     */
    byte[] resolve(String clientId, byte[] ext) {
        Entry entry = entries.get(clientId);
        if (entry == null) {
            return ext;
        }
        long crc = crc(ext);
        if (crc == entry.latest) {
            entries.remove(clientId, entry);
            return ext;
        }
        if (entry.isSuperseded(crc)) {
            // A superseded write is one this worker followed with another, whose bytes are kept.
            return Objects.requireNonNull(entry.latestBytes);
        }
        // Changed by someone else (another worker, an API client) after our write: theirs is the truth now.
        entries.remove(clientId, entry);
        return ext;
    }

    /** The worker wrote {@code written} for a client whose event carried {@code replaced}. */
    void wrote(String clientId, byte[] replaced, byte[] written) {
        Entry entry = entries.computeIfAbsent(clientId, id -> new Entry());
        if (entry.latestBytes != null) {
            entry.supersede(entry.latest);
        }
        entry.supersede(crc(replaced));
        entry.latest = crc(written);
        entry.latestBytes = written;
    }

    void forget(String clientId) {
        entries.remove(clientId);
    }

    /** Forgets the clients of a gateway (it went away: its clients are gone or will send fresh sessions). */
    void forgetGateway(String gatewayAddress) {
        entries.keySet().removeIf(id -> ClientId.parse(id).gatewayAddress().equals(gatewayAddress));
    }

    int size() {
        return entries.size();
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
