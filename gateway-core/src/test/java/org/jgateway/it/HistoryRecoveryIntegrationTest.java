package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayException;
import org.jgateway.history.GatedHistoryStore;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPage;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.HistoryUnavailableException;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * History end to end: a gateway and a worker sharing one memory store, real text clients on loopback; the worker
 * attached in memory or over TCP.
 */
class HistoryRecoveryIntegrationTest {

    private static final HistoryStream ROOM = HistoryStream.group("h:room");

    private TestCluster cluster;
    private MemoryHistoryStore store;
    private GatedHistoryStore gated;
    private GatewayApi api;
    private final List<TextClient> clients = new ArrayList<>();

    void start(boolean inJvm) {
        store = memoryStore();
        cluster = new TestCluster("", inJvm);
        cluster.addGateway("127.0.0.1", b -> b.history(store));
        cluster.addWorker(new RecordingEvents("worker"), b -> b.api(GatewayApiOptions.builder().history(store).build()));
        cluster.awaitMesh();
        api = cluster.worker().api();
    }

    /**
     * One event loop for everything (clients, the gateway's inner connections, the worker, whose handlers run on it);
     * the gateway reads history through {@link #gated}, the worker appends to the memory store behind it.
     */
    void startGated(boolean inJvm, RecordingEvents events) {
        store = memoryStore();
        gated = new GatedHistoryStore(store);
        cluster = new TestCluster("", inJvm, 1);
        cluster.addGateway("127.0.0.1", b -> b.history(gated));
        cluster.addWorker(events, b -> b.runOnEventLoop(true).api(GatewayApiOptions.builder().history(store).build()));
        cluster.awaitMesh();
        api = cluster.worker().api();
    }

    private static MemoryHistoryStore memoryStore() {
        return new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("h:*", 5, HistoryPolicy.DEFAULT_TTL))
                .uid(HistoryPolicy.of("user-*"))
                .build());
    }

    @AfterEach
    void stop() {
        clients.forEach(TextClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private TextClient connect() {
        TextClient client = cluster.text();
        clients.add(client);
        return client;
    }

    private static String idOf(TextClient client) {
        return client.echo("whoami");
    }

    /** Sends "offset@epoch:text" to the room and returns its position. */
    private StreamPosition say(String text) {
        return api.sendToGroup(ROOM.id(), p -> p.offset() + "@" + p.epoch() + ":" + text);
    }

    private static void assertNothingMore(TextClient client) {
        assertThat(client.echo("marker")).isEqualTo("marker");
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void sendsCarryTheirOwnPositionAndRecoveryGivesWhatWasMissedThenLiveOnes(boolean inJvm) {
        start(inJvm);
        TextClient member = connect();
        api.joinGroup(idOf(member), ROOM.id());
        StreamPosition first = say("a");
        assertThat(first.offset()).isEqualTo(1);
        say("b");
        say("c");
        assertThat(List.of(member.read(), member.read(), member.read())).containsExactly(
                "1@" + first.epoch() + ":a", "2@" + first.epoch() + ":b", "3@" + first.epoch() + ":c");

        TextClient back = connect();
        Recovery recovery = api.recover(idOf(back), ROOM, first);
        assertThat(recovery).isEqualTo(new Recovery(true, new StreamPosition(3, first.epoch()), 2));
        assertThat(List.of(back.read(), back.read())).containsExactly(
                "2@" + first.epoch() + ":b", "3@" + first.epoch() + ":c");
        say("d");
        assertThat(back.read()).isEqualTo("4@" + first.epoch() + ":d");
        assertThat(member.read()).isEqualTo("4@" + first.epoch() + ":d");
        assertNothingMore(back);
        assertThat(api.getClientIdCountByGroup(ROOM.id())).isEqualTo(2);
    }

    @Test
    void theAsynchronousHistoryPageDoesNotWaitForTheStoreOnTheCallingThread() throws Exception {
        store = memoryStore();
        gated = new GatedHistoryStore(store);
        cluster = new TestCluster("", true);
        cluster.addGateway("127.0.0.1", b -> b.history(store));
        cluster.addWorker(new RecordingEvents("worker"),
                b -> b.api(GatewayApiOptions.builder().history(gated).build()));
        cluster.awaitMesh();
        api = cluster.worker().api();
        StreamPosition first = say("a");
        say("b");

        // The gated store fails the test if its blocking read is called: the future must come back unanswered.
        CompletableFuture<HistoryPage> page = api.async().history(ROOM, null, 10);
        assertThat(page).isNotDone();
        assertThat(gated.waiting()).isEqualTo(1);

        gated.release();
        HistoryPage read = page.get(10, TimeUnit.SECONDS);
        assertThat(read.complete()).isTrue();
        assertThat(read.messages()).extracting(message -> new String(message.body(), StandardCharsets.UTF_8))
                .containsExactly("1@" + first.epoch() + ":a", "2@" + first.epoch() + ":b");
        assertThat(read.position()).isEqualTo(new StreamPosition(2, first.epoch()));
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void anUnknownEpochOrAPositionNoLongerKeptRecoversNothingOldAndSaysSo(boolean inJvm) {
        start(inJvm);
        StreamPosition first = say("1");
        for (int i = 2; i <= 8; i++) {
            say(Integer.toString(i));
        }
        TextClient stale = connect();
        Recovery tooOld = api.recover(idOf(stale), ROOM, first);
        assertThat(tooOld).isEqualTo(new Recovery(false, new StreamPosition(8, first.epoch()), 0));
        TextClient otherEpoch = connect();
        Recovery lost = api.recover(idOf(otherEpoch), ROOM, new StreamPosition(7, "not-" + first.epoch()));
        assertThat(lost.recovered()).isFalse();
        assertThat(lost.position()).isEqualTo(new StreamPosition(8, first.epoch()));
        assertNothingMore(stale);
        say("9");
        assertThat(stale.read()).isEqualTo("9@" + first.epoch() + ":9");
        assertThat(otherEpoch.read()).isEqualTo("9@" + first.epoch() + ":9");
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void aUidKeepsWhatWasSentWhileItWasOfflineUntilItBindsAndRecovers(boolean inJvm) {
        start(inJvm);
        api.sendToUid("user-7", "while you were away");
        StreamPosition second = api.sendToUid("user-7", p -> "offline " + p.offset());
        TextClient phone = connect();
        String phoneId = idOf(phone);
        Recovery recovery = api.recover(phoneId, HistoryStream.uid("user-7"), null);
        assertThat(recovery).isEqualTo(new Recovery(true, second, 2));
        assertThat(List.of(phone.read(), phone.read())).containsExactly("while you were away", "offline 2");
        assertThat(api.getUidByClientId(phoneId)).isEqualTo("user-7");
        api.sendToUid("user-7", "now live");
        assertThat(phone.read()).isEqualTo("now live");
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void asynchronousPushesKeepHistoryWhereTheStreamKeepsItAndSendTheRestPlain(boolean inJvm) throws Exception {
        start(inJvm);
        TextClient member = connect();
        TextClient outside = connect();
        api.joinGroup(idOf(member), ROOM.id());
        api.joinGroup(idOf(outside), "plain");
        api.async().sendToGroup(List.of(ROOM.id(), "plain"), "both", null, false).get(5, TimeUnit.SECONDS);
        api.async().sendToUid(List.of("user-7"), "kept", false).get(5, TimeUnit.SECONDS);
        assertThat(member.read()).isEqualTo("both");
        assertThat(outside.read()).isEqualTo("both");
        assertNothingMore(member);
        assertNothingMore(outside);
        assertThat(store.streamCount()).as("the room and the uid; the plain group keeps nothing").isEqualTo(2);

        TextClient back = connect();
        assertThat(api.recover(idOf(back), ROOM, null).recovered()).isTrue();
        assertThat(back.read()).isEqualTo("both");
        TextClient phone = connect();
        assertThat(api.recover(idOf(phone), HistoryStream.uid("user-7"), null).recovered()).isTrue();
        assertThat(phone.read()).isEqualTo("kept");
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void groupsWithoutHistoryAreSentAsBeforeAndRefusePositionsAndRecovery(boolean inJvm) {
        start(inJvm);
        TextClient client = connect();
        String id = idOf(client);
        api.joinGroup(id, "plain");
        api.sendToGroup("plain", "as before");
        assertThat(client.read()).isEqualTo("as before");
        assertThatThrownBy(() -> api.sendToGroup("plain", p -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group:plain keeps no history");
        assertThatThrownBy(() -> api.recover(id, HistoryStream.group("plain"), null))
                .isInstanceOf(GatewayException.class).hasMessageContaining("refused");
        assertThat(store.streamCount()).isZero();
        assertNothingMore(client);
    }

    /**
     * A handler on the event loop: "resume OFFSET EPOCH" recovers its client on the room with the asynchronous API and
     * then says how it went; anything else is echoed.
     */
    private static RecordingEvents resumingAsynchronously() {
        RecordingEvents events = new RecordingEvents("worker");
        events.onMessage = (ctx, text) -> {
            if (!text.startsWith("resume ")) {
                RecordingEvents.ECHO.accept(ctx, text);
                return;
            }
            String[] words = text.split(" ");
            GatewayApi api = ctx.api();
            String id = ctx.clientId();
            api.async().recover(id, ROOM, new StreamPosition(Long.parseLong(words[1]), words[2]))
                    .whenComplete((recovery, failure) -> api.sendToClient(id, failure != null ? "failed " + failure
                            : "resumed " + recovery.recovered() + " " + recovery.position().offset() + " "
                                    + recovery.delivered()));
        };
        return events;
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void aRecoveryWaitingForTheStoreStallsNobodyOnTheLoopAndEndsWhenTheReadDoes(boolean inJvm) {
        startGated(inJvm, resumingAsynchronously());
        TextClient member = connect();
        api.joinGroup(idOf(member), ROOM.id());
        String epoch = say("a").epoch();
        say("b");
        assertThat(List.of(member.read(), member.read())).containsExactly("1@" + epoch + ":a", "2@" + epoch + ":b");

        TextClient back = connect();
        back.send("resume 1 " + epoch);
        await().atMost(Duration.ofSeconds(10)).until(() -> gated.waiting() == 1);
        // The only event loop of the cluster is free: another client is echoed, a live message reaches the member.
        TextClient other = connect();
        assertThat(other.echo("ping")).isEqualTo("ping");
        say("c");
        assertThat(member.read()).isEqualTo("3@" + epoch + ":c");

        gated.release();
        // The live message that arrived meanwhile follows the history, once; the reply comes after both.
        assertThat(List.of(back.read(), back.read(), back.read()))
                .containsExactly("2@" + epoch + ":b", "3@" + epoch + ":c", "resumed true 3 2");
        assertNothingMore(back);

        TextClient late = connect();
        late.send("resume 1 " + epoch);
        await().atMost(Duration.ofSeconds(10)).until(() -> gated.waiting() == 1);
        gated.fail(new HistoryUnavailableException("the store is away", null));
        assertThat(late.read()).isEqualTo("resumed false 1 0");
        assertThat(cluster.gateway().listener("text").commandStats().recoveryReadFailures()).isEqualTo(1);
        say("d");
        assertThat(late.read()).isEqualTo("4@" + epoch + ":d");
    }

    @ParameterizedTest(name = "worker in JVM: {0}")
    @ValueSource(booleans = {true, false})
    void theBlockingRecoverOnTheEventLoopIsRefusedWhileTheStoreReadsAndTheRecoveryStillEnds(boolean inJvm) {
        RecordingEvents events = new RecordingEvents("worker");
        events.onMessage = (ctx, text) -> {
            if (!text.equals("resume")) {
                RecordingEvents.ECHO.accept(ctx, text);
                return;
            }
            try {
                ctx.api().recover(ctx.clientId(), ROOM, null);
                ctx.api().sendToCurrentClient("recovered");
            } catch (IllegalStateException e) {
                ctx.api().sendToCurrentClient("refused: " + e.getMessage());
            }
        };
        startGated(inJvm, events);
        String epoch = say("a").epoch();
        TextClient back = connect();
        back.send("resume");
        assertThat(back.read()).startsWith("refused: ").contains("would stall it", "async()");
        await().atMost(Duration.ofSeconds(10)).until(() -> gated.waiting() == 1);
        gated.release();
        assertThat(back.read()).isEqualTo("1@" + epoch + ":a");
    }
}
