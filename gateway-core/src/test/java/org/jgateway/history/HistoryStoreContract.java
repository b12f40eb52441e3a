package org.jgateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryStore} guarantees, run against each implementation by a subclass that says how to make
 * one: offsets without gaps, bodies built from their own position, publication in offset order under concurrent
 * appenders, reads that are complete or say that history is lost.
 */
public abstract class HistoryStoreContract {

    /** Rooms {@code h:*} keep 5 messages, uids {@code u*} keep 3; ttls long enough never to expire in a test. */
    protected static final HistoryOptions OPTIONS = HistoryOptions.builder()
            .group(new HistoryPolicy("h:*", 5, Duration.ofMinutes(10)))
            .uid(new HistoryPolicy("u*", 3, Duration.ofMinutes(10)))
            .build();

    private HistoryStore store;

    /** A store over {@code options}, with no stream of a previous test left in it. */
    protected abstract HistoryStore createStore(HistoryOptions options);

    /** Ends what {@link #createStore} started. */
    protected void closeStore(HistoryStore store) {
    }

    @BeforeEach
    void createStore() {
        store = createStore(OPTIONS);
    }

    @AfterEach
    void closeStore() {
        closeStore(store);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private StreamPosition append(HistoryStream stream, String text) {
        return store.append(stream, position -> utf8(text), (position, body) -> { });
    }

    @Test
    void patternsSayWhichStreamsKeepHistoryByKind() {
        assertThat(store.retains(HistoryStream.group("h:1"))).isTrue();
        assertThat(store.retains(HistoryStream.group("x:1"))).isFalse();
        assertThat(store.retains(HistoryStream.uid("u7"))).isTrue();
        assertThat(store.retains(HistoryStream.uid("h:1"))).isFalse();
        assertThatThrownBy(() -> append(HistoryStream.group("x:1"), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group:x:1 keeps no history");
        assertThatThrownBy(() -> store.read(HistoryStream.uid("x"), null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsStartAtOneAndGrowByOneWithinAnEpoch() {
        HistoryStream room = HistoryStream.group("h:offsets");
        StreamPosition before = store.position(room);
        assertThat(before.offset()).isZero();
        StreamPosition first = append(room, "a");
        StreamPosition second = append(room, "b");
        assertThat(first).isEqualTo(new StreamPosition(1, before.epoch()));
        assertThat(second).isEqualTo(new StreamPosition(2, before.epoch()));
        assertThat(store.position(room)).isEqualTo(second);
    }

    @Test
    void theBodyIsBuiltFromItsOwnPositionAndPublishedAsKept() {
        HistoryStream room = HistoryStream.group("h:body");
        List<String> published = new ArrayList<>();
        StreamPosition position = store.append(room, p -> utf8("#" + p.offset() + "@" + p.epoch()),
                (p, body) -> published.add(p.offset() + "=" + new String(body, StandardCharsets.UTF_8)));
        String expected = "#1@" + position.epoch();
        assertThat(published).containsExactly("1=" + expected);
        assertThat(store.read(room, null, 10).messages()).extracting(HistoryMessage::text).containsExactly(expected);
    }

    @Test
    void aBodyThatFailsTakesNoOffset() {
        HistoryStream room = HistoryStream.group("h:fail");
        assertThatThrownBy(() -> store.append(room, p -> {
            throw new IllegalStateException("no body");
        }, (p, body) -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(append(room, "a").offset()).isEqualTo(1);
    }

    @Test
    void readsReturnWhatFollowsAPositionUpToALimit() {
        HistoryStream room = HistoryStream.group("h:read");
        for (String text : List.of("a", "b", "c", "d")) {
            append(room, text);
        }
        StreamPosition top = store.position(room);
        HistoryPage all = store.read(room, null, 10);
        assertThat(all.complete()).isTrue();
        assertThat(all.position()).isEqualTo(top);
        assertThat(all.messages()).extracting(HistoryMessage::offset).containsExactly(1L, 2L, 3L, 4L);
        HistoryPage after2 = store.read(room, new StreamPosition(2, top.epoch()), 10);
        assertThat(after2.messages()).extracting(HistoryMessage::text).containsExactly("c", "d");
        assertThat(store.read(room, new StreamPosition(1, top.epoch()), 2).messages())
                .extracting(HistoryMessage::offset).containsExactly(2L, 3L);
        HistoryPage upToDate = store.read(room, top, 10);
        assertThat(upToDate.complete()).isTrue();
        assertThat(upToDate.messages()).isEmpty();
    }

    @Test
    void theAsynchronousReadFindsWhatTheBlockingReadFinds() {
        HistoryStream room = HistoryStream.group("h:async");
        for (String text : List.of("a", "b", "c")) {
            append(room, text);
        }
        StreamPosition top = store.position(room);
        assertThat(store.readAsync(room, new StreamPosition(1, top.epoch()), 10)).succeedsWithin(Duration.ofSeconds(10))
                .satisfies(page -> {
                    assertThat(page.complete()).isTrue();
                    assertThat(page.position()).isEqualTo(top);
                    assertThat(page.messages()).extracting(HistoryMessage::text).containsExactly("b", "c");
                });
        assertThat(store.readAsync(room, new StreamPosition(0, top.epoch() + "x"), 10))
                .succeedsWithin(Duration.ofSeconds(10)).isEqualTo(HistoryPage.lost(top));
        assertThat(store.readAsync(HistoryStream.group("plain"), null, 10)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherEpochOrAPositionBeyondTheStreamIsLost() {
        HistoryStream room = HistoryStream.group("h:epoch");
        StreamPosition top = append(room, "a");
        HistoryPage otherEpoch = store.read(room, new StreamPosition(0, top.epoch() + "x"), 10);
        assertThat(otherEpoch).isEqualTo(HistoryPage.lost(top));
        assertThat(store.read(room, new StreamPosition(7, top.epoch()), 10)).isEqualTo(HistoryPage.lost(top));
    }

    @Test
    void aPositionOlderThanWhatIsRetainedIsLostWithNothingReturned() {
        HistoryStream room = HistoryStream.group("h:trim");
        for (int i = 1; i <= 8; i++) {
            append(room, "m" + i);
        }
        StreamPosition top = store.position(room);
        // Size 5: offsets 4..8 are kept.
        assertThat(store.read(room, new StreamPosition(3, top.epoch()), 10).messages())
                .extracting(HistoryMessage::offset).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(store.read(room, new StreamPosition(2, top.epoch()), 10)).isEqualTo(HistoryPage.lost(top));
        assertThat(store.read(room, null, 10)).isEqualTo(HistoryPage.lost(top));
    }

    @Test
    void groupsAndUidsOfTheSameNameAreSeparateStreams() {
        HistoryOptions both = HistoryOptions.builder().group(HistoryPolicy.of("*")).uid(HistoryPolicy.of("*")).build();
        closeStore(store);
        store = createStore(both);
        append(HistoryStream.group("same"), "to the group");
        append(HistoryStream.uid("same"), "to the uid");
        append(HistoryStream.uid("same"), "to the uid again");
        assertThat(store.read(HistoryStream.group("same"), null, 10).messages()).extracting(HistoryMessage::text)
                .containsExactly("to the group");
        assertThat(store.position(HistoryStream.uid("same")).offset()).isEqualTo(2);
    }

    @Test
    void concurrentAppendersGetDistinctOffsetsPublishedInOrder() throws Exception {
        HistoryStream room = HistoryStream.group("h:concurrent");
        int threads = 4;
        int perThread = 200;
        List<Long> published = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(store.append(room, p -> utf8(Long.toString(p.offset())),
                                (p, body) -> published.add(p.offset())).offset());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Long> assigned = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> mine = result.get(30, TimeUnit.SECONDS);
                assertThat(mine).isSorted();
                assigned.addAll(mine);
            }
            List<Long> expected = new ArrayList<>();
            for (long offset = 1; offset <= threads * perThread; offset++) {
                expected.add(offset);
            }
            assertThat(assigned).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(published).containsExactlyElementsOf(expected);
            assertThat(store.read(room, null, 10)).isEqualTo(HistoryPage.lost(store.position(room)));
        } finally {
            pool.shutdownNow();
        }
    }
}
