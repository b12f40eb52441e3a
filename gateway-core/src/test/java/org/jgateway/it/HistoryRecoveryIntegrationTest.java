package org.jgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayApiOptions;
import org.jgateway.client.GatewayException;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStream;
import org.jgateway.history.MemoryHistoryStore;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.test.TextClient;
import org.junit.jupiter.api.AfterEach;
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
    private GatewayApi api;
    private final List<TextClient> clients = new ArrayList<>();

    void start(boolean inJvm) {
        store = new MemoryHistoryStore(HistoryOptions.builder()
                .group(new HistoryPolicy("h:*", 5, HistoryPolicy.DEFAULT_TTL))
                .uid(HistoryPolicy.of("user-*"))
                .build());
        cluster = new TestCluster("", inJvm);
        cluster.addGateway("127.0.0.1", b -> b.history(store));
        cluster.addWorker(new RecordingEvents("worker"), b -> b.api(GatewayApiOptions.builder().history(store).build()));
        cluster.awaitMesh();
        api = cluster.worker().api();
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
}
