package org.jgateway.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The server heartbeat of {@code application.yml}, sped up: a client that answers the pings (as the page does) stays,
 * a silent one is closed and its room sees it leave.
 */
@SpringBootTest(properties = { "gateway.ping-interval=1s", "gateway.ping-not-response-limit=2" })
@ActiveProfiles("test")
class ChatHeartbeatTest {

    @Value("${local.gateway.listeners.websocket.port}")
    int websocketPort;

    @Value("${local.gateway.listeners.text.port}")
    int textPort;

    @Test
    void silentClientsAreClosedAndThoseAnsweringThePingStay() throws Exception {
        try (JsonChatClient page = new JsonChatClient(websocketPort).login("paige", "lobby");
             TextChatClient sleeper = new TextChatClient(textPort)) {
            sleeper.type("sleeper");
            sleeper.awaitLineStartingWith("[lobby] * sleeper joined");

            page.awaitEvent("leave", event -> event.path("name").asString().equals("sleeper"));
            await().atMost(Duration.ofSeconds(10)).until(sleeper::isClosed);
            // The text listener's own ping line, not the page's JSON.
            assertThat(sleeper.lines()).contains("* ping: press Enter to stay online")
                    .doesNotContain("{\"type\":\"ping\"}");

            // A silent client is closed after 2.5 to 3 intervals; the page lives through more pings than that.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> page.received().stream().filter(event -> event.path("type").asString().equals("ping"))
                            .count() >= 4);
            assertThat(page.isClosed()).isFalse();
        }
    }
}
