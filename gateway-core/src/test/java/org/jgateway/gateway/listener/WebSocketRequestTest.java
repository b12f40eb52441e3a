package org.jgateway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgateway.test.GoldenTrace;
import org.junit.jupiter.api.Test;

class WebSocketRequestTest {

    /** The handshake of the golden trace's WebSocket client, header for header. */
    private static final WebSocketRequest GOLDEN = WebSocketRequest.of("GET", "/chat?token=abc&x=1", List.of(
            Map.entry("Host", "127.0.0.1:7272"),
            Map.entry("Upgrade", "websocket"),
            Map.entry("Connection", "Upgrade"),
            Map.entry("Sec-WebSocket-Key", "y90pQvM4nylJWuOPaYngSQ=="),
            Map.entry("Sec-WebSocket-Version", "13"),
            Map.entry("Cookie", "sid=s1; a=b"),
            Map.entry("Origin", "http://example.test")), "127.0.0.1", 57000, 7272);

    @Test
    void phpArrayHasGatewayWorkersStructure() {
        Map<String, Object> php = GOLDEN.toPhpArray();
        assertThat(php).containsOnlyKeys("get", "server", "cookie");
        assertThat(php.keySet()).containsExactly("get", "server", "cookie");
        assertThat(php.get("get")).isEqualTo(Map.of("token", "abc", "x", "1"));
        assertThat(server(php).keySet()).containsExactly("QUERY_STRING", "REQUEST_METHOD",
                "REQUEST_URI", "SERVER_PROTOCOL", "SERVER_NAME", "CONTENT_TYPE", "REMOTE_ADDR", "REMOTE_PORT",
                "SERVER_PORT", "HTTP_HOST", "HTTP_UPGRADE", "HTTP_CONNECTION", "HTTP_SEC_WEBSOCKET_KEY",
                "HTTP_SEC_WEBSOCKET_VERSION", "HTTP_COOKIE", "HTTP_ORIGIN");
        assertThat(server(php))
                .containsEntry("SERVER_NAME", "127.0.0.1:7272")
                .containsEntry("CONTENT_TYPE", null)
                .containsEntry("REMOTE_PORT", 57000L)
                .containsEntry("SERVER_PORT", 7272L);
        assertThat(php.get("cookie")).isEqualTo(Map.of("sid", "s1", "a", "b"));
    }

    @Test
    void phpArraySerializesToTheGoldenTraceBody() {
        byte[] golden = GoldenTrace.load().describedFrames().stream()
                .filter(f -> f.cmdName().equals("ON_WEBSOCKET_CONNECT"))
                .findFirst().orElseThrow().body();
        assertThat(new String(serialize(GOLDEN.toPhpArray()), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    }

    @Test
    void repeatedHeadersAreJoinedAtTheFirstPositionAndAbsentHostIsNull() {
        WebSocketRequest request = WebSocketRequest.of("GET", "/", List.of(
                Map.entry("X-Tag", "a"), Map.entry("Content-Type", "text/plain"), Map.entry("x-tag", "b")),
                "::1", 1, 2);
        Map<String, Object> server = server(request.toPhpArray());
        assertThat(server.get("SERVER_NAME")).isNull();
        assertThat(server.get("CONTENT_TYPE")).isEqualTo("text/plain");
        assertThat(server.get("REMOTE_ADDR")).isEqualTo("::1");
        assertThat(server.get("QUERY_STRING")).isEqualTo("");
        assertThat(server.keySet()).endsWith("HTTP_X_TAG", "HTTP_CONTENT_TYPE");
        assertThat(server.get("HTTP_X_TAG")).isEqualTo("a,b");
        assertThat(request.headers()).hasSize(3);
        assertThat(request.toPhpArray().get("get")).isEqualTo(Map.of());
        assertThat(request.toPhpArray().get("cookie")).isEqualTo(Map.of());
    }

    @Test
    void ipv6ClientsKeepTheirAddress() throws Exception {
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?a=1");
        http.headers().add("Host", "[::1]:7272");
        try {
            WebSocketRequest request = WebSocketRequest.of(http,
                    new InetSocketAddress(InetAddress.getByName("0:0:0:0:0:0:0:1"), 50000),
                    new InetSocketAddress(InetAddress.getByName("::1"), 7272));
            Map<String, Object> server = server(request.toPhpArray());
            assertThat(server.get("REMOTE_ADDR")).isEqualTo("::1");
            assertThat(server.get("REMOTE_PORT")).isEqualTo(50000L);
            assertThat(server.get("SERVER_PORT")).isEqualTo(7272L);
            assertThat(server.get("SERVER_NAME")).isEqualTo("[::1]:7272");
            assertThat(request.queryParameters()).containsExactly(Map.entry("a", "1"));
        } finally {
            http.release();
        }
    }

    @Test
    void queryAndCookiesFollowParseStr() {
        WebSocketRequest request = WebSocketRequest.of("GET", "/p?a=1&b=x+y%21&a=2&&=v&flag&c.d=%E4%BD%A0",
                List.of(Map.entry("Cookie", "s=1;t=a%20b; s=3")), "10.0.0.1", 1, 2);
        assertThat(request.queryString()).isEqualTo("a=1&b=x+y%21&a=2&&=v&flag&c.d=%E4%BD%A0");
        assertThat(request.queryParameters()).containsExactly(Map.entry("a", "2"), Map.entry("b", "x y!"),
                Map.entry("flag", ""), Map.entry("c_d", "你"));
        assertThat(request.cookies()).containsExactly(Map.entry("s", "3"), Map.entry("t", "a b"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> server(Map<String, Object> php) {
        return (Map<String, Object>) php.get("server");
    }

    /** Just enough PHP serialize() for the values toPhpArray() produces. */
    private static byte[] serialize(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.writeBytes("N;".getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof Long l) {
            out.writeBytes(("i:" + l + ";").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("s:" + bytes.length + ":\"").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\";".getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof LinkedHashMap<?, ?> map) {
            out.writeBytes(("a:" + map.size() + ":{").getBytes(StandardCharsets.US_ASCII));
            map.forEach((k, v) -> {
                write(out, k);
                write(out, v);
            });
            out.writeBytes("}".getBytes(StandardCharsets.US_ASCII));
        } else {
            throw new IllegalArgumentException("not a PHP array value: " + value.getClass());
        }
    }
}
