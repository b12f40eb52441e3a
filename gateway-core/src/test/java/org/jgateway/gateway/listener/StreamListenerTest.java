package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text, frame and TCP listeners end to end on 127.0.0.1 with an echoing tail. */
class StreamListenerTest {

    private static EventLoopResources loops;

    @BeforeAll
    static void startLoops() {
        loops = EventLoopResources.create(2, "stream-test");
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @Test
    void textEcho() throws Exception {
        try (TestServer server = TestServer.echo(loops, ListenerOptions.builder(ClientProtocol.TEXT).build());
                RawClient client = new RawClient(server.port())) {
            client.write("hello\r\nwor");
            assertThat(client.read(6)).asString(StandardCharsets.US_ASCII).isEqualTo("hello\n");
            client.write("ld\n");
            assertThat(client.read(6)).asString(StandardCharsets.US_ASCII).isEqualTo("world\n");
        }
    }

    @Test
    void textOverLongLineClosesTheConnection() throws Exception {
        ListenerOptions options = ListenerOptions.builder(ClientProtocol.TEXT).maxMessageSize(16).build();
        try (TestServer server = TestServer.echo(loops, options);
                RawClient client = new RawClient(server.port())) {
            client.write("x".repeat(17));
            assertThat(client.readToEnd()).isEmpty();
            assertThat(server.nextTail().errors).hasSize(1);
        }
    }

    @Test
    void frameEcho() throws Exception {
        try (TestServer server = TestServer.echo(loops, ListenerOptions.builder(ClientProtocol.FRAME).build());
                RawClient client = new RawClient(server.port())) {
            client.write(HexFormat.of().parseHex("0000000768"));
            client.write(HexFormat.of().parseHex("6579"));
            assertThat(client.read(7)).isEqualTo(HexFormat.of().parseHex("00000007686579"));
        }
    }

    @Test
    void tcpEcho() throws Exception {
        try (TestServer server = TestServer.echo(loops, ListenerOptions.builder(ClientProtocol.TCP).build());
                RawClient client = new RawClient(server.port())) {
            client.write("raw bytes");
            assertThat(client.read(9)).asString(StandardCharsets.US_ASCII).isEqualTo("raw bytes");
        }
    }
}
