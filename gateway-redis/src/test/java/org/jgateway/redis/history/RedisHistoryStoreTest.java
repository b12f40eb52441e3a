package org.jgateway.redis.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jgateway.history.HistoryMessage;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.StreamPosition;
import org.jgateway.redis.RedisConnections;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis Streams history against a real redis-server: the shared contract, and what only Redis can do to it. */
class RedisHistoryStoreTest extends RedisHistoryStoreContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    private static final HistoryStream ROOM = HistoryStream.group("room");

    @Override
    protected RedisConnections connect() {
        return RedisConnections.standalone(RedisURI.create(redis.host(), redis.port()), Duration.ofSeconds(1));
    }

    private RedisHistoryStore store(HistoryPolicy rooms) {
        return createStore(HistoryOptions.builder().group(rooms).build());
    }

    private static StreamPosition append(RedisHistoryStore store, HistoryStream stream, String text) {
        return store.append(stream, p -> text.getBytes(StandardCharsets.UTF_8), (p, body) -> { });
    }

    @Test
    void lostDataStartsANewEpochAndAnOldPositionIsReportedLost() {
        RedisHistoryStore store = store(HistoryPolicy.of("room"));
        append(store, ROOM, "a");
        StreamPosition old = append(store, ROOM, "b");
        long started = store.stats().epochsStarted();

        redis.flushAll();

        assertThat(store.read(ROOM, new StreamPosition(1, old.epoch()), 10)).satisfies(page -> {
            assertThat(page.complete()).isFalse();
            assertThat(page.messages()).isEmpty();
            assertThat(page.position().offset()).isZero();
            assertThat(page.position().epoch()).isNotEqualTo(old.epoch());
        });
        StreamPosition fresh = append(store, ROOM, "c");
        assertThat(fresh.offset()).isEqualTo(1);
        assertThat(fresh.epoch()).isNotEqualTo(old.epoch());
        assertThat(store.stats().epochsStarted()).isEqualTo(started + 1);
        assertThat(store.read(ROOM, old, 10)).isEqualTo(HistoryPage.lost(fresh));
    }

    @Test
    void aRedisRestartWithoutPersistenceStartsANewEpochOnceItIsBack() {
        RedisHistoryStore store = store(HistoryPolicy.of("room"));
        StreamPosition old = append(store, ROOM, "before");

        redis.restart();

        StreamPosition fresh = await().atMost(Duration.ofSeconds(10)).ignoreException(HistoryUnavailableException.class)
                .until(() -> append(store, ROOM, "after"), position -> true);
        assertThat(fresh).isEqualTo(new StreamPosition(1, fresh.epoch()));
        assertThat(fresh.epoch()).isNotEqualTo(old.epoch());
        assertThat(store.read(ROOM, new StreamPosition(0, old.epoch()), 10).complete()).isFalse();
        assertThat(store.read(ROOM, null, 10).messages()).extracting(HistoryMessage::text).containsExactly("after");
    }

    @Test
    void whileRedisIsDownSendsFailWithoutPublishingAndReadsFailCounted() {
        RedisHistoryStore store = store(HistoryPolicy.of("room"));
        append(store, ROOM, "kept");
        List<Long> published = new ArrayList<>();

        redis.stop();

        assertThatThrownBy(() -> store.append(ROOM, p -> new byte[] {1}, (p, body) -> published.add(p.offset())))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("History of group:room unavailable (append): Redis 127.0.0.1:" + redis.port());
        assertThatThrownBy(() -> store.read(ROOM, null, 10)).isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("(read)");
        assertThat(published).isEmpty();
        assertThat(store.stats().appendFailures()).isEqualTo(1);
        assertThat(store.stats().readFailures()).isEqualTo(1);
        assertThat(store.stats().appended()).isEqualTo(1);

        redis.start();
        await().atMost(Duration.ofSeconds(10)).ignoreException(HistoryUnavailableException.class)
                .untilAsserted(() -> assertThat(append(store, ROOM, "back").offset()).isEqualTo(1));
    }

    @Test
    void messagesOlderThanTheTtlAreNotReturnedAndTheKeysExpire() {
        Duration ttl = Duration.ofSeconds(2);
        RedisHistoryStore store = store(new HistoryPolicy("room", 10, ttl));
        long start = System.nanoTime();
        StreamPosition first = append(store, ROOM, "old");
        String[] keys = store.keys(ROOM);
        assertThat((Long) redis.command("PTTL", keys[0])).isBetween(1L, ttl.toMillis());
        assertThat((Long) redis.command("PTTL", keys[1])).isBetween(1L, ttl.toMillis());
        await().atMost(ttl).until(() -> System.nanoTime() - start >= ttl.toNanos() / 2);
        // Appending refreshes the keys' expiry: "old" is still in Redis after its ttl, but no longer returned.
        append(store, ROOM, "new");
        await().atMost(ttl).until(() -> !store.read(ROOM, new StreamPosition(0, first.epoch()), 10).complete());
        assertThat(store.read(ROOM, first, 10).messages()).extracting(HistoryMessage::text).containsExactly("new");
        assertThat((Long) redis.command("XLEN", keys[1])).isEqualTo(2);

        await().atMost(ttl.multipliedBy(2)).until(() -> (Long) redis.command("EXISTS", keys[0], keys[1]) == 0);
        StreamPosition fresh = store.position(ROOM);
        assertThat(fresh.offset()).isZero();
        assertThat(fresh.epoch()).isNotEqualTo(first.epoch());
    }

    @Test
    void redisKeepsAboutTheSizeAndReadsNeverGoFurtherBack() {
        RedisHistoryStore store = store(new HistoryPolicy("room", 5, Duration.ofMinutes(1)));
        for (int i = 1; i <= 500; i++) {
            append(store, ROOM, "m" + i);
        }
        // MAXLEN ~ trims whole nodes of the stream (100 entries each by default), never below the size.
        assertThat((Long) redis.command("XLEN", store.keys(ROOM)[1])).isBetween(5L, 205L);
        StreamPosition top = store.position(ROOM);
        assertThat(store.read(ROOM, new StreamPosition(495, top.epoch()), 100).messages())
                .extracting(HistoryMessage::text).containsExactly("m496", "m497", "m498", "m499", "m500");
        assertThat(store.read(ROOM, new StreamPosition(494, top.epoch()), 100).complete()).isFalse();
    }

    @Test
    void bodiesAreKeptByteForByte() {
        RedisHistoryStore store = store(HistoryPolicy.of("room"));
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\r', '\n', 127};
        store.append(ROOM, p -> binary, (p, body) -> { });
        assertThat(store.read(ROOM, null, 10).messages().get(0).body()).isEqualTo(binary);
    }

    @Test
    void appendersOnTwoConnectionsGetUniqueIncreasingOffsets() throws Exception {
        HistoryPolicy rooms = HistoryPolicy.of("room");
        List<RedisHistoryStore> processes = List.of(store(rooms), store(rooms));
        int threadsPerProcess = 3;
        int perThread = 150;
        List<List<Long>> publishedByProcess = List.of(Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerProcess);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                RedisHistoryStore store = processes.get(p);
                List<Long> published = publishedByProcess.get(p);
                for (int t = 0; t < threadsPerProcess; t++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        List<Long> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            mine.add(store.append(ROOM, pos -> Long.toString(pos.offset()).getBytes(
                                    StandardCharsets.UTF_8), (pos, body) -> published.add(pos.offset())).offset());
                        }
                        return mine;
                    }));
                }
            }
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> mine = result.get(60, TimeUnit.SECONDS);
                assertThat(mine).isSorted();
                all.addAll(mine);
            }
            int total = 2 * threadsPerProcess * perThread;
            assertThat(all).doesNotHaveDuplicates().hasSize(total);
            assertThat(Collections.max(all)).isEqualTo(total);
            // Each process publishes its own share of the stream in offset order.
            publishedByProcess.forEach(published -> assertThat(published).isSorted());
            // Every body was built for the offset it was kept at.
            StreamPosition top = processes.get(0).position(ROOM);
            assertThat(processes.get(1).read(ROOM, new StreamPosition(total - 100, top.epoch()), 100).messages())
                    .allSatisfy(m -> assertThat(m.text()).isEqualTo(Long.toString(m.offset())));
        } finally {
            pool.shutdownNow();
        }
    }
}
