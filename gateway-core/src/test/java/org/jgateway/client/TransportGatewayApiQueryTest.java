package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jgateway.client.FrameAssertions.assertCommand;
import static org.jgateway.client.FrameAssertions.assertJsonCommand;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jgateway.client.RecordingTransport.Sent;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.test.GoldenTrace;
import org.jgateway.test.GoldenTrace.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Query frames match the golden trace, replies map to the interface's Java values, failures are never silent. */
class TransportGatewayApiQueryTest {

    /** The gateway of the golden trace (lanPort 3900) and its client, connection 2. */
    static final String GA = "127.0.0.1:3900";
    static final String CLIENT = "7f0000010f3c00000002";
    static final String GB = "127.0.0.1:2900";
    static final String GB_CLIENT_7 = "7f0000010b5400000007";

    private static final int SCALAR = 1;

    private final GoldenTrace golden = GoldenTrace.load();

    @AfterEach
    void unbind() {
        ClientContextHolder.bind(null);
    }

    private Query golden(String label) {
        return golden.queries().stream().filter(q -> q.label().equals(label)).findFirst().orElseThrow();
    }

    private static String payload(Query query) {
        byte[] reply = query.reply();
        return new String(Arrays.copyOfRange(reply, 4, reply.length), StandardCharsets.UTF_8);
    }

    /** One gateway (the golden one) answering {@code payload}. */
    private static RecordingTransport goldenGateway(String payload) {
        return new RecordingTransport(GA).answer(GA, payload);
    }

    private static Sent onlyQuery(RecordingTransport transport) {
        assertThat(transport.queries()).hasSize(1);
        return transport.queries().get(0);
    }

    /** The request frame is the golden one byte for byte. */
    private void assertGoldenRequest(RecordingTransport transport, String label) {
        assertThat(FrameAssertions.bytes(onlyQuery(transport).frame())).as(label).isEqualTo(golden(label).request());
    }

    /** The request frame equals the golden one with ext compared as JSON (PHP writes ", " and ": "). */
    private void assertGoldenJsonRequest(GatewayFrame frame, String label) {
        GatewayFrame expected = decode(golden(label).request());
        assertJsonCommand(frame, expected.cmd(), expected.connectionIdUnsigned(), expected.flag(),
                expected.extAsString(), new String(expected.body(), StandardCharsets.UTF_8));
    }

    private static GatewayFrame decode(byte[] bytes) {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
        try {
            return org.jgateway.protocol.GatewayFrameCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    // ---- golden requests and replies ---------------------------------------------------------------------------

    @Test
    void clientCounts() {
        RecordingTransport all = goldenGateway(payload(golden("GET_CLIENT_COUNT_BY_GROUP \"\"")));
        assertThat(new TransportGatewayApi(all).getAllClientIdCount()).isEqualTo(1);
        assertGoldenRequest(all, "GET_CLIENT_COUNT_BY_GROUP \"\"");

        RecordingTransport group = goldenGateway(payload(golden("GET_CLIENT_COUNT_BY_GROUP room1")));
        assertThat(new TransportGatewayApi(group).getClientIdCountByGroup("room1")).isEqualTo(1);
        assertGoldenRequest(group, "GET_CLIENT_COUNT_BY_GROUP room1");
    }

    @Test
    void countsAreSummedOverGateways() {
        RecordingTransport transport = new RecordingTransport(GA, GB).answer(GA, "i:1;").answer(GB, "i:41;");
        assertThat(new TransportGatewayApi(transport).getAllClientCount()).isEqualTo(42);
        assertThat(transport.queries()).extracting(Sent::gateway).containsExactly(GA, GB);
        assertThat(transport.timeouts()).containsOnly(GatewayApiOptions.DEFAULT_QUERY_TIMEOUT);
    }

    @Test
    void isOnlineAsksOnlyTheOwningGateway() {
        RecordingTransport transport = new RecordingTransport(GB, GA).answer(GA, payload(golden("IS_ONLINE")));
        assertThat(new TransportGatewayApi(transport).isOnline(CLIENT)).isTrue();
        assertGoldenRequest(transport, "IS_ONLINE");
        assertThat(onlyQuery(transport).gateway()).isEqualTo(GA);

        assertThat(new TransportGatewayApi(goldenGateway("i:0;")).isOnline(CLIENT)).isFalse();
    }

    @Test
    void clientIdsByUidAreFullClientIds() {
        RecordingTransport transport = goldenGateway(payload(golden("GET_CLIENT_ID_BY_UID u42")));
        assertThat(new TransportGatewayApi(transport).getClientIdByUid("u42")).containsExactly(CLIENT);
        assertGoldenRequest(transport, "GET_CLIENT_ID_BY_UID u42");
    }

    @Test
    void batchGetClientIdByUid() {
        RecordingTransport transport = goldenGateway(payload(golden("BATCH_GET_CLIENT_ID_BY_UID")));
        Map<String, List<String>> ids = new TransportGatewayApi(transport).batchGetClientIdByUid(List.of("u42", "nobody"));
        assertThat(ids).containsExactly(Map.entry("u42", List.of(CLIENT)), Map.entry("nobody", List.of()));
        assertGoldenJsonRequest(onlyQuery(transport).frame(), "BATCH_GET_CLIENT_ID_BY_UID");
    }

    @Test
    void isUidsOnlineUsesTheBatchQuery() {
        RecordingTransport transport = goldenGateway(payload(golden("BATCH_GET_CLIENT_ID_BY_UID")));
        assertThat(new TransportGatewayApi(transport).isUidsOnline(List.of("u42", "nobody")))
                .containsExactly(Map.entry("u42", true), Map.entry("nobody", false));
        assertGoldenJsonRequest(onlyQuery(transport).frame(), "BATCH_GET_CLIENT_ID_BY_UID");
    }

    @Test
    void batchGetClientIdCountByGroupSumsOverGateways() {
        String reply = payload(golden("BATCH_GET_CLIENT_COUNT_BY_GROUP"));
        RecordingTransport transport = new RecordingTransport(GA, GB).answer(GA, reply).answer(GB, reply);
        assertThat(new TransportGatewayApi(transport).batchGetClientIdCountByGroup(List.of("room1", "x")))
                .containsExactly(Map.entry("room1", 2), Map.entry("x", 0));
        for (Sent sent : transport.queries()) {
            assertGoldenJsonRequest(sent.frame(), "BATCH_GET_CLIENT_COUNT_BY_GROUP");
        }
    }

    @Test
    void groupIdList() {
        RecordingTransport transport = goldenGateway(payload(golden("GET_GROUP_ID_LIST")));
        assertThat(new TransportGatewayApi(transport).getAllGroupIdList()).containsExactly("room1");
        assertGoldenRequest(transport, "GET_GROUP_ID_LIST");
    }

    @Test
    void selectFramesMatchTheTrace() {
        assertGoldenJsonRequest(QueryFrames.select(List.of("uid", "groups", "session"), Map.of()),
                "SELECT all uid+groups+session");
        RecordingTransport transport = goldenGateway(payload(golden("SELECT where groups")));
        assertThat(new TransportGatewayApi(transport).getClientIdListByGroup("room1")).containsExactly(CLIENT);
        assertGoldenJsonRequest(onlyQuery(transport).frame(), "SELECT where groups");
    }

    @Test
    void uidListsByGroup() {
        String reply = payload(golden("SELECT where groups"));
        TransportGatewayApi api = new TransportGatewayApi(goldenGateway(reply));
        assertThat(api.getUidListByGroup("room1")).containsExactly("u42");
        assertThat(api.getUidCountByGroup("room1")).isEqualTo(1);
    }

    @Test
    void groupListsFromTheGoldenSelect() {
        RecordingTransport transport = goldenGateway(payload(golden("SELECT all uid+groups+session")));
        TransportGatewayApi api = new TransportGatewayApi(transport);
        assertThat(api.getAllGroupUidList()).containsExactly(Map.entry("room1", Set.of("u42")));
        assertThat(api.getAllGroupClientIdList()).containsExactly(Map.entry("room1", Set.of(CLIENT)));
        assertThat(api.getAllClientIdList()).containsExactly(CLIENT);
        assertThat(api.getAllUidList()).containsExactly("u42");
        List<Sent> queries = transport.queries();
        assertJsonCommand(queries.get(0).frame(), GatewayCommand.SELECT, 0, SCALAR,
                "{\"fields\":[\"uid\",\"groups\"],\"where\":[]}", "");
        assertJsonCommand(queries.get(1).frame(), GatewayCommand.SELECT, 0, SCALAR,
                "{\"fields\":[\"groups\"],\"where\":[]}", "");
        assertJsonCommand(queries.get(2).frame(), GatewayCommand.SELECT, 0, SCALAR,
                "{\"fields\":[\"uid\"],\"where\":[]}", "");
    }

    @Test
    void sessions() {
        RecordingTransport none = goldenGateway(payload(golden("GET_SESSION_BY_CLIENT_ID (none yet)")));
        assertThat(new TransportGatewayApi(none).getSession(CLIENT)).isEmpty();
        assertGoldenRequest(none, "GET_SESSION_BY_CLIENT_ID (none yet)");

        RecordingTransport offline = goldenGateway(payload(golden("GET_SESSION_BY_CLIENT_ID (offline id)")));
        assertThat(new TransportGatewayApi(offline).getSession("7f0000010f3c000003e7")).isNull();
        assertGoldenRequest(offline, "GET_SESSION_BY_CLIENT_ID (offline id)");

        RecordingTransport stored = goldenGateway("a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}");
        assertThat(new TransportGatewayApi(stored).getSession(CLIENT))
                .containsExactly(Map.entry("k", "v"), Map.entry("n", 1L));
    }

    @Test
    void allClientSessionsUnserializeEachStoredSession() {
        RecordingTransport transport = new RecordingTransport(GA, GB)
                .answer(GA, "a:1:{i:2;s:34:\"a:2:{s:1:\"k\";s:1:\"v\";s:1:\"n\";i:1;}\";}")
                .answer(GB, "a:1:{i:7;s:0:\"\";}");
        Map<String, Map<String, Object>> sessions = new TransportGatewayApi(transport).getAllClientSessions();
        assertThat(sessions).containsOnlyKeys(CLIENT, GB_CLIENT_7);
        assertThat(sessions.get(CLIENT)).containsExactly(Map.entry("k", "v"), Map.entry("n", 1L));
        assertThat(sessions.get(GB_CLIENT_7)).isEmpty();
        assertCommand(transport.queries().get(0).frame(), GatewayCommand.GET_ALL_CLIENT_SESSIONS, 0, SCALAR, "", "");
    }

    @Test
    void clientSessionsByGroup() {
        RecordingTransport transport = goldenGateway("a:1:{i:2;s:14:\"a:1:{i:0;i:5;}\";}");
        assertThat(new TransportGatewayApi(transport).getClientSessionsByGroup("g"))
                .containsExactly(Map.entry(CLIENT, Map.of("0", 5L)));
        assertCommand(onlyQuery(transport).frame(), GatewayCommand.GET_CLIENT_SESSIONS_BY_GROUP, 0, SCALAR, "g", "");
    }

    @Test
    void uidByClientIdSelectsOnTheOwningGatewayOnly() {
        RecordingTransport transport = new RecordingTransport(GB, GA)
                .answer(GA, payload(golden("SELECT where groups")));
        assertThat(new TransportGatewayApi(transport).getUidByClientId(CLIENT)).isEqualTo("u42");
        Sent sent = onlyQuery(transport);
        assertThat(sent.gateway()).isEqualTo(GA);
        assertJsonCommand(sent.frame(), GatewayCommand.SELECT, 0, SCALAR,
                "{\"fields\":[\"uid\"],\"where\":{\"connection_id\":[2]}}", "");

        assertThat(new TransportGatewayApi(goldenGateway("a:0:{}")).getUidByClientId(CLIENT)).isNull();
    }

    // ---- GatewayWorker quirks fixed -----------------------------------------------------------------------------

    /** Connection 1 lacks a uid (PHP's {@code break} would drop connections 2 and 3); "0" is a uid and a group. */
    private static final String SELECT_MIXED = "a:3:{"
            + "i:1;a:2:{s:3:\"uid\";N;s:6:\"groups\";a:1:{s:2:\"g1\";s:2:\"g1\";}}"
            + "i:2;a:2:{s:3:\"uid\";s:1:\"0\";s:6:\"groups\";a:1:{i:0;s:1:\"0\";}}"
            + "i:3;a:2:{s:3:\"uid\";s:2:\"u3\";s:6:\"groups\";a:2:{s:2:\"g1\";s:2:\"g1\";i:5;s:1:\"5\";}}}";

    @Test
    void groupListsDoNotStopAtAConnectionWithoutUid() {
        TransportGatewayApi api = new TransportGatewayApi(goldenGateway(SELECT_MIXED));
        String c1 = "7f0000010f3c00000001";
        String c3 = "7f0000010f3c00000003";
        assertThat(api.getAllGroupUidList()).containsExactly(Map.entry("0", Set.of("0")), Map.entry("g1", Set.of("u3")),
                Map.entry("5", Set.of("u3")));
        assertThat(api.getAllGroupUidCount()).containsExactly(Map.entry("0", 1), Map.entry("g1", 1), Map.entry("5", 1));
        assertThat(api.getAllGroupClientIdList()).containsExactly(Map.entry("g1", Set.of(c1, c3)),
                Map.entry("0", Set.of(CLIENT)), Map.entry("5", Set.of(c3)));
        assertThat(api.getAllGroupClientIdCount()).containsExactly(Map.entry("g1", 2), Map.entry("0", 1), Map.entry("5", 1));
        assertThat(api.getAllUidList()).containsExactly("0", "u3");
        assertThat(api.getAllUidCount()).isEqualTo(2);
    }

    @Test
    void listsMergeGatewaysInTheOrderTheyWereAsked() {
        CompletableFuture<byte[]> slow = new CompletableFuture<>();
        RecordingTransport transport = new RecordingTransport(GA, GB)
                .answer(GA, frame -> slow)
                .answer(GB, "a:1:{i:7;a:1:{s:3:\"uid\";s:2:\"u7\";}}");
        CompletableFuture<Set<String>> ids = new TransportGatewayApi(transport).async().getAllClientIdList();
        slow.complete("a:1:{i:2;a:1:{s:3:\"uid\";s:3:\"u42\";}}".getBytes(StandardCharsets.UTF_8));
        assertThat(ids.join()).containsExactly(CLIENT, GB_CLIENT_7);
    }

    // ---- failures ----------------------------------------------------------------------------------------------

    @Test
    void aMissingGatewayFailsTheQueryWithThePartialResult() {
        RecordingTransport transport = new RecordingTransport(GA, GB).answer(GA, "i:3;").timeOut(GB);
        GatewayQueryException e = catchThrowableOfType(GatewayQueryException.class,
                () -> new TransportGatewayApi(transport).getAllClientIdCount());
        assertThat(e.<Integer>partialResult()).isEqualTo(3);
        assertThat(e.missingGatewayAddresses()).containsExactly(GB);
        assertThat(e.missingGateways().get(GB)).contains("timeout after 5000 ms");
        assertThat(e).hasMessageContaining("getAllClientIdCount").hasMessageContaining(GB);
    }

    @Test
    void aMissingGatewayFailsListQueriesToo() {
        RecordingTransport transport = new RecordingTransport(GA, GB).answer(GA, payload(golden("GET_GROUP_ID_LIST")));
        CompletableFuture<Set<String>> groups = new TransportGatewayApi(transport).async().getAllGroupIdList();
        assertThat(groups).failsWithin(Duration.ofSeconds(1)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(GatewayQueryException.class, e -> {
                    assertThat(e.<Set<String>>partialResult()).containsExactly("room1");
                    assertThat(e.missingGateways()).containsEntry(GB, "gateway " + GB + " is not connected");
                });
    }

    @Test
    void anUnreadableReplyCountsAsAMissingGateway() {
        RecordingTransport transport = new RecordingTransport(GA, GB).answer(GA, "i:1;").answer(GB, "s:1:\"x\";");
        GatewayQueryException e = catchThrowableOfType(GatewayQueryException.class,
                () -> new TransportGatewayApi(transport).getAllClientIdCount());
        assertThat(e.<Integer>partialResult()).isEqualTo(1);
        assertThat(e.missingGatewayAddresses()).containsExactly(GB);
        assertThat(e.missingGateways().get(GB)).startsWith("unreadable reply: ");
    }

    @Test
    void unicastQueriesToAnUnreachableGatewayThrowInsteadOfAnsweringOffline() {
        TransportGatewayApi api = new TransportGatewayApi(new RecordingTransport(GA));
        GatewayQueryException online = catchThrowableOfType(GatewayQueryException.class, () -> api.isOnline(CLIENT));
        assertThat(online.missingGatewayAddresses()).containsExactly(GA);
        assertThat(online.<Object>partialResult()).isNull();
        assertThatThrownBy(() -> api.getSession(CLIENT)).isInstanceOf(GatewayQueryException.class)
                .hasMessageContaining("getSession(" + CLIENT + ")");
        assertThatThrownBy(() -> api.getUidByClientId(CLIENT)).isInstanceOf(GatewayQueryException.class);
    }

    @Test
    void isUidOnlineIsTrueWhenAnyGatewayKnowsTheUid() {
        RecordingTransport found = new RecordingTransport(GA, GB).answer(GA, "a:1:{i:0;i:2;}").timeOut(GB);
        assertThat(new TransportGatewayApi(found).isUidOnline("u42")).isTrue();

        RecordingTransport notFound = new RecordingTransport(GA, GB).answer(GA, "a:0:{}").timeOut(GB);
        GatewayQueryException e = catchThrowableOfType(GatewayQueryException.class,
                () -> new TransportGatewayApi(notFound).isUidOnline("u42"));
        assertThat(e.<Boolean>partialResult()).isFalse();
        assertThat(e.missingGatewayAddresses()).containsExactly(GB);

        assertThat(new TransportGatewayApi(new RecordingTransport(GA).answer(GA, "a:0:{}")).isUidOnline("u42")).isFalse();
    }

    @Test
    void aTransportThatNeverAnswersCannotHangTheCaller() {
        RecordingTransport transport = new RecordingTransport(GA).answer(GA, frame -> new CompletableFuture<>());
        TransportGatewayApi api = new TransportGatewayApi(transport,
                GatewayApiOptions.builder().queryTimeout(Duration.ofMillis(50)).build());
        GatewayQueryException e = catchThrowableOfType(GatewayQueryException.class, api::getAllClientIdCount);
        assertThat(e.missingGateways()).containsEntry(GA, "timeout after 50 ms");
        assertThat(transport.timeouts()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void queriesNeedAKnownGateway() {
        TransportGatewayApi api = new TransportGatewayApi(new RecordingTransport());
        assertThatThrownBy(api::getAllClientIdCount).isInstanceOf(GatewayException.class)
                .hasMessageContaining("No gateway address is known");
    }

    @Test
    void invalidArgumentsFailTheFutureBeforeAnyQuery() {
        RecordingTransport transport = new RecordingTransport(GA).answer(GA, "i:1;");
        TransportGatewayApi api = new TransportGatewayApi(transport);
        assertThat(api.async().isOnline("nope")).failsWithin(Duration.ZERO).withThrowableThat()
                .havingCause().isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.getClientIdCountByGroup("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group must not be empty");
        assertThatThrownBy(() -> api.getClientIdByUid(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.batchGetClientIdByUid(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(transport.queries()).isEmpty();
        assertThat(api.isUidsOnline(List.of())).isEmpty();
        assertThat(api.batchGetClientIdCountByGroup(List.of())).isEmpty();
        assertThat(transport.queries()).isEmpty();
    }

    // ---- session commands ------------------------------------------------------------------------------------

    @Test
    void sessionCommandsCarryTheSerializedSessionInExt() {
        RecordingTransport transport = new RecordingTransport(GA);
        TransportGatewayApi api = new TransportGatewayApi(transport);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("k", "v");
        api.setSession(CLIENT, session);
        api.updateSession(CLIENT, Map.of("n", 1));
        api.setSession(CLIENT, null);
        api.setSession(CLIENT, Map.of());
        List<Sent> sent = transport.commands();
        assertThat(sent).extracting(Sent::gateway).containsOnly(GA);
        assertCommand(sent.get(0).frame(), GatewayCommand.SET_SESSION, 2, SCALAR, "a:1:{s:1:\"k\";s:1:\"v\";}", "");
        assertCommand(sent.get(1).frame(), GatewayCommand.UPDATE_SESSION, 2, SCALAR, "a:1:{s:1:\"n\";i:1;}", "");
        assertCommand(sent.get(2).frame(), GatewayCommand.SET_SESSION, 2, SCALAR, "", "");
        assertCommand(sent.get(3).frame(), GatewayCommand.SET_SESSION, 2, SCALAR, "a:0:{}", "");
    }

    @Test
    void sessionWritesToTheCurrentClientUpdateTheCallbacksSession() {
        TransportGatewayApiCommandTest.TestContext context = new TransportGatewayApiCommandTest.TestContext(CLIENT);
        ClientContextHolder.bind(context);
        TransportGatewayApi api = new TransportGatewayApi(new RecordingTransport(GA));
        api.setSession(CLIENT, Map.of("a", 1));
        api.updateSession(CLIENT, Map.of("b", 2));
        api.setSession(CLIENT, null);
        api.updateSession(GB_CLIENT_7, Map.of("other", 1));
        assertThat(context.calls).containsExactly(List.of("replaced", Map.of("a", 1)), List.of("merged", Map.of("b", 2)),
                List.of("replaced", Map.of()));
    }
}
