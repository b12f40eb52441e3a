package org.jgateway.samples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The chat protocol without a browser: JSON clients over the JDK's WebSocket client, as the page speaks, and telnet
 * users over plain sockets. Each test uses rooms and nicknames of its own, since the application is shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChatProtocolTest {

    @Value("${local.gateway.listeners.websocket.port}")
    int websocketPort;

    @Value("${local.gateway.listeners.text.port}")
    int textPort;

    @LocalServerPort
    int httpPort;

    @Test
    void browsersAndTelnetUsersTalkInOneRoom() throws Exception {
        try (JsonChatClient alice = new JsonChatClient(websocketPort).login("alice", "garden");
             JsonChatClient bob = new JsonChatClient(websocketPort).login("bob", "garden");
             TextChatClient tom = telnet("tom", "garden")) {

            JsonNode tomJoined = alice.awaitEvent("join", event -> event.path("name").asString().equals("tom"));
            assertThat(tomJoined.path("room").asString()).isEqualTo("garden");
            assertThat(names(tomJoined.path("users"))).containsExactly("alice", "bob", "tom");

            alice.send(Map.of("type", "say", "text", "hello garden"));
            JsonNode said = bob.awaitEvent("say", event -> event.path("text").asString().equals("hello garden"));
            assertThat(said.path("from").asString()).isEqualTo("alice");
            assertThat(said.path("room").asString()).isEqualTo("garden");
            assertThat(said.path("to").isNull()).isTrue();
            tom.awaitLine("[garden] alice: hello garden");

            tom.type("hi from telnet");
            alice.awaitEvent("say", event -> event.path("from").asString().equals("tom")
                    && event.path("text").asString().equals("hi from telnet"));
            bob.awaitEvent("say", event -> event.path("text").asString().equals("hi from telnet"));
            tom.awaitLine("[garden] tom: hi from telnet");

            // A JSON line from telnet is a request like the page's, answered in lines.
            tom.type("{\"type\":\"online\"}");
            tom.awaitLine("[garden] online (3): alice, bob, tom");
        }
    }

    @Test
    void privateMessageReachesOnlyItsTarget() throws Exception {
        try (JsonChatClient carol = new JsonChatClient(websocketPort).login("carol", "attic");
             JsonChatClient dave = new JsonChatClient(websocketPort).login("dave", "attic");
             TextChatClient tina = telnet("tina", "attic")) {

            carol.send(Map.of("type", "say", "text", "psst dave", "to", "dave"));
            JsonNode secret = dave.awaitEvent("say", event -> event.path("text").asString().equals("psst dave"));
            assertThat(secret.path("from").asString()).isEqualTo("carol");
            assertThat(secret.path("to").asString()).isEqualTo("dave");
            carol.awaitEvent("say", event -> event.path("text").asString().equals("psst dave"));   // the sender's copy

            tina.type("/to carol psst carol");
            carol.awaitEvent("say", event -> event.path("text").asString().equals("psst carol")
                    && event.path("from").asString().equals("tina"));
            tina.awaitLine("[tina -> carol] psst carol");

            carol.send(Map.of("type", "say", "text", "to tina", "to", "tina"));
            tina.awaitLine("[carol -> tina] to tina");

            // A room message sent after the private ones reaches everyone, and the private ones only their targets.
            carol.send(Map.of("type", "say", "text", "back to the room"));
            tina.awaitLine("[attic] carol: back to the room");
            dave.awaitEvent("say", event -> event.path("text").asString().equals("back to the room"));
            assertThat(tina.lines()).noneMatch(line -> line.contains("psst dave"));
            assertThat(dave.find("say", event -> event.path("text").asString().equals("psst carol"))).isEmpty();

            carol.send(Map.of("type", "say", "text", "anyone?", "to", "nobody"));
            assertThat(carol.awaitEvent("error", event -> true).path("text").asString())
                    .isEqualTo("nobody is not online");
        }
    }

    @Test
    void onlineListAndRoomCountsComeFromQueries() throws Exception {
        try (JsonChatClient erin = new JsonChatClient(websocketPort).login("erin", "cellar");
             JsonChatClient frank = new JsonChatClient(websocketPort).login("frank", "cellar");
             TextChatClient tess = telnet("tess", "cellar");
             JsonChatClient gina = new JsonChatClient(websocketPort).login("gina", "roof")) {

            assertThat(names(frank.awaitEvent("join", event -> event.path("name").asString().equals("tess"))
                    .path("users"))).containsExactly("erin", "frank", "tess");

            erin.send(Map.of("type", "online"));
            JsonNode online = erin.awaitEvent("online", event -> true);
            assertThat(online.path("room").asString()).isEqualTo("cellar");
            assertThat(online.path("count").asInt()).isEqualTo(3);
            assertThat(names(online.path("users"))).containsExactly("erin", "frank", "tess");

            gina.send(Map.of("type", "rooms"));
            JsonNode rooms = gina.awaitEvent("rooms", event -> true);
            assertThat(rooms.path("rooms").path("cellar").asInt()).isEqualTo(3);
            assertThat(rooms.path("rooms").path("roof").asInt()).isEqualTo(1);
            assertThat(rooms.path("connections").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(rooms.path("rooms").propertyNames()).noneMatch(group -> group.contains(":"));

            tess.type("/rooms");
            await().atMost(Duration.ofSeconds(10)).until(() -> tess.lines().stream()
                    .anyMatch(line -> line.startsWith("rooms: ") && line.contains("cellar (3)")
                            && line.contains("roof (1)")));
        }
    }

    @Test
    void leavingSwitchingAndClosingAreAnnounced() throws Exception {
        try (JsonChatClient hank = new JsonChatClient(websocketPort).login("hank", "porch");
             TextChatClient tim = telnet("tim", "porch")) {
            JsonChatClient ivy = new JsonChatClient(websocketPort).login("ivy", "porch");
            ivy.close();
            JsonNode left = hank.awaitEvent("leave", event -> event.path("name").asString().equals("ivy"));
            assertThat(names(left.path("users"))).containsExactly("hank", "tim");
            tim.awaitLine("[porch] * ivy left (online: hank, tim)");

            tim.type("/join shed");
            tim.awaitLine("[shed] * tim joined (online: tim)");
            hank.awaitEvent("leave", event -> event.path("name").asString().equals("tim"));

            tim.type("/quit");
            tim.awaitLine("Bye!");
            await().atMost(Duration.ofSeconds(10)).until(tim::isClosed);

            // Logged out, the client may log in again, and its nickname is free for others.
            hank.send(Map.of("type", "logout"));
            hank.send(Map.of("type", "online"));
            hank.awaitEvent("error", event -> event.path("text").asString().equals("Log in first"));
            try (JsonChatClient otherHank = new JsonChatClient(websocketPort).login("hank", "barn")) {
                hank.login("hank2", "barn");
                assertThat(names(otherHank.awaitEvent("join", event -> event.path("name").asString().equals("hank2"))
                        .path("users"))).containsExactly("hank", "hank2");
            }
        }
    }

    @Test
    void requestsAreChecked() throws Exception {
        try (JsonChatClient jack = new JsonChatClient(websocketPort).login("jack", "yard");
             JsonChatClient impostor = new JsonChatClient(websocketPort);
             TextChatClient newcomer = new TextChatClient(textPort)) {
            impostor.send(Map.of("type", "say", "text", "who am I?"));
            assertThat(impostor.awaitEvent("error", event -> true).path("text").asString()).isEqualTo("Log in first");
            impostor.send(Map.of("type", "login", "name", "jack", "room", "yard"));
            impostor.awaitEvent("error", event -> event.path("text").asString().equals("The nickname jack is taken"));
            impostor.send(Map.of("type", "login", "name", "no spaces", "room", "yard"));
            impostor.awaitEvent("error", event -> event.path("text").asString().startsWith("A nickname is"));
            impostor.send(Map.of("type", "login", "name", "jill", "room", "a:b"));
            impostor.awaitEvent("error", event -> event.path("text").asString().startsWith("A room name is"));
            impostor.send(Map.of("type", "dance"));                      // unknown types are ignored

            newcomer.awaitLine(ChatHandler.WELCOME.lines().toList().get(0));
            newcomer.type("/who");
            newcomer.awaitLine("! Type your nickname first");
            newcomer.type("jack");
            newcomer.awaitLine("! The nickname jack is taken");
            newcomer.type("");                                            // how a telnet user answers the ping
            newcomer.type("kim");
            newcomer.awaitLineStartingWith("[lobby] * kim joined");
            newcomer.type("/dance");
            newcomer.awaitLine("! Commands: " + ChatHandler.COMMANDS);

            impostor.send(Map.of("type", "login", "name", "jill", "room", "yard"));
            assertThat(names(jack.awaitEvent("join", event -> event.path("name").asString().equals("jill"))
                    .path("users"))).containsExactly("jack", "jill");
            assertThat(impostor.isClosed()).isFalse();
        }
    }

    /** A telnet user who typed its nickname (entering the lobby), then moved to {@code room}. */
    private TextChatClient telnet(String name, String room) {
        TextChatClient client = new TextChatClient(textPort);
        client.type(name);
        client.awaitLineStartingWith("[lobby] * " + name + " joined");
        client.type("/join " + room);
        client.awaitLineStartingWith("[" + room + "] * " + name + " joined");
        return client;
    }

    private static List<String> names(JsonNode users) {
        return users.valueStream().map(JsonNode::asString).toList();
    }
}
