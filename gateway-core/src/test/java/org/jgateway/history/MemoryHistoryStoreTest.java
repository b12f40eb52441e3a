package org.jgateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryHistoryStoreTest extends HistoryStoreContract {

    @Override
    protected HistoryStore createStore(HistoryOptions options) {
        return new MemoryHistoryStore(options);
    }

    private static final HistoryStream ROOM = HistoryStream.group("room");

    private static StreamPosition append(MemoryHistoryStore store, HistoryStream stream, byte[] body) {
        return store.append(stream, p -> body, (p, b) -> { });
    }

    @Test
    void messagesOlderThanTheirTtlAreDroppedAndCounted() {
        MutableClock clock = new MutableClock();
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("room", 10, Duration.ofSeconds(30))).build(), clock);
        StreamPosition first = append(store, ROOM, new byte[] {1});
        clock.advance(Duration.ofSeconds(20));
        append(store, ROOM, new byte[] {2});
        clock.advance(Duration.ofSeconds(15));
        HistoryPage afterStart = store.read(ROOM, new StreamPosition(1, first.epoch()), 10);
        assertThat(afterStart.messages()).extracting(HistoryMessage::offset).containsExactly(2L);
        assertThat(store.read(ROOM, new StreamPosition(0, first.epoch()), 10).complete()).isFalse();
        assertThat(store.stats().expired()).isEqualTo(1);
    }

    @Test
    void anIdleEmptyStreamIsForgottenAndComesBackWithANewEpoch() {
        MutableClock clock = new MutableClock();
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("*", 10, Duration.ofSeconds(30))).build(), clock);
        StreamPosition old = append(store, ROOM, new byte[] {1});
        clock.advance(Duration.ofSeconds(31));
        // Another stream's append runs the sweep.
        append(store, HistoryStream.group("other"), new byte[] {1});
        assertThat(store.stats().streamsDropped()).isEqualTo(1);
        StreamPosition fresh = store.position(ROOM);
        assertThat(fresh.offset()).isZero();
        assertThat(fresh.epoch()).isNotEqualTo(old.epoch());
        assertThat(store.read(ROOM, old, 10).complete()).isFalse();
    }

    @Test
    void aFloodOfSendsStaysWithinTheMemoryCapEvictingTheLeastRecentlyUsedFirst() {
        long cap = 64 * 1024;
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("*", 1000, Duration.ofMinutes(10))).maxMemory(cap).build());
        HistoryStream quiet = HistoryStream.group("quiet");
        StreamPosition quietPosition = append(store, quiet, new byte[100]);
        byte[] body = new byte[500];
        for (int i = 0; i < 2000; i++) {
            append(store, HistoryStream.group("busy-" + (i % 7)), body);
            assertThat(store.memoryInUse()).isLessThanOrEqualTo(cap);
        }
        assertThat(store.stats().evicted()).isPositive();
        assertThat(store.stats().appended()).isEqualTo(2001);
        // The least recently used stream went first: its message is gone, its history reported lost.
        assertThat(store.read(quiet, new StreamPosition(0, quietPosition.epoch()), 10).complete()).isFalse();
        // What is left is each busy stream's newest messages, without holes.
        Set<Long> newest = new HashSet<>();
        HistoryStream busy = HistoryStream.group("busy-0");
        StreamPosition top = store.position(busy);
        HistoryPage page = store.read(busy, new StreamPosition(top.offset() - 3, top.epoch()), 10);
        page.messages().forEach(m -> newest.add(m.offset()));
        assertThat(newest).containsExactlyInAnyOrder(top.offset() - 2, top.offset() - 1, top.offset());
    }

    @Test
    void theRingBufferTrimsAtItsSizeAndCountsIt() {
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("room", 2, Duration.ofMinutes(1))).build());
        for (int i = 0; i < 5; i++) {
            append(store, ROOM, new byte[] {(byte) i});
        }
        assertThat(store.stats().trimmed()).isEqualTo(3);
        assertThat(store.memoryInUse()).isEqualTo(MemoryHistoryStore.STREAM_OVERHEAD + 2L * "group:room".length()
                + 2L * (MemoryHistoryStore.MESSAGE_OVERHEAD + 1));
    }
}
