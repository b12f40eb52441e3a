package org.jgateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionWritesTest {

    private static final String CLIENT = "7f0000010b5400000001";
    private final SessionWrites writes = new SessionWrites();

    private static byte[] s(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsCarryingAReplacedVersionGetTheLatestWrite() {
        writes.wrote(CLIENT, s(""), s("v1"));
        assertThat(writes.resolve(CLIENT, s(""))).isEqualTo(s("v1"));
        writes.wrote(CLIENT, s("v1"), s("v2"));
        // Still on its way: an event from before the first write, and one from between the writes.
        assertThat(writes.resolve(CLIENT, s(""))).isEqualTo(s("v2"));
        assertThat(writes.resolve(CLIENT, s("v1"))).isEqualTo(s("v2"));
        // The gateway caught up: the entry goes, events carry the truth again.
        assertThat(writes.resolve(CLIENT, s("v2"))).isEqualTo(s("v2"));
        assertThat(writes.size()).isZero();
        assertThat(writes.resolve(CLIENT, s("v1"))).isEqualTo(s("v1"));
    }

    @Test
    void aChangeBySomeoneElseWins() {
        writes.wrote(CLIENT, s("v0"), s("v1"));
        assertThat(writes.resolve(CLIENT, s("theirs"))).isEqualTo(s("theirs"));
        assertThat(writes.size()).isZero();
    }

    @Test
    void clientsAndGatewaysAreForgotten() {
        writes.wrote(CLIENT, s(""), s("v1"));
        writes.wrote("7f0000010b5500000001", s(""), s("v1"));
        writes.forget(CLIENT);
        assertThat(writes.size()).isEqualTo(1);
        writes.forgetGateway("127.0.0.1:2901");
        assertThat(writes.size()).isZero();
    }
}
