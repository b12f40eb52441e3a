package org.jgateway.samples.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the chat sends to its clients. Browsers get the record as JSON, its {@code type} taken from
 * {@link JsonTypeName @JsonTypeName} ({@code {"type":"say","from":"alice",...}}); text clients get {@link #line()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ChatEvent {

    /** The event as one readable line for a telnet client. */
    String line();

    /** {@code name} entered {@code room}; {@code users} is who is there now. */
    @JsonTypeName("join")
    record Joined(String name, String room, List<String> users) implements ChatEvent {
        @Override
        public String line() {
            return "[" + room + "] * " + name + " joined (online: " + String.join(", ", users) + ")";
        }
    }

    /** {@code name} left {@code room}; {@code users} is who is still there. */
    @JsonTypeName("leave")
    record Left(String name, String room, List<String> users) implements ChatEvent {
        @Override
        public String line() {
            return "[" + room + "] * " + name + " left (online: " + String.join(", ", users) + ")";
        }
    }

    /** A message to the room, or to one user when {@code to} is set. */
    @JsonTypeName("say")
    record Said(String from, String to, String room, String text) implements ChatEvent {
        @Override
        public String line() {
            return to == null ? "[" + room + "] " + from + ": " + text : "[" + from + " -> " + to + "] " + text;
        }
    }

    /** Who is in a room. */
    @JsonTypeName("online")
    record Online(String room, List<String> users, int count) implements ChatEvent {

        Online(String room, List<String> users) {
            this(room, users, users.size());
        }

        @Override
        public String line() {
            return "[" + room + "] online (" + count + "): " + String.join(", ", users);
        }
    }

    /** Every room with its number of users, and the connections of the whole chat. */
    @JsonTypeName("rooms")
    record Rooms(Map<String, Integer> rooms, int connections) implements ChatEvent {
        @Override
        public String line() {
            return "rooms: " + rooms.entrySet().stream()
                    .map(room -> room.getKey() + " (" + room.getValue() + ")")
                    .collect(Collectors.joining(", ")) + "; " + connections + " connected";
        }
    }

    /**
     * The client came back to {@code room} after losing its connection: the messages it missed came before this one,
     * or, when {@code recovered} is false, are no longer kept. {@code offset} and {@code epoch} are where it stands now.
     */
    @JsonTypeName("resumed")
    record Resumed(String room, boolean recovered, long offset, String epoch) implements ChatEvent {
        @Override
        public String line() {
            return "[" + room + "] " + (recovered ? "* you are back" : "* you are back; some messages were lost");
        }
    }

    /** A request the chat refused, with the reason. */
    @JsonTypeName("error")
    record Problem(String text) implements ChatEvent {
        @Override
        public String line() {
            return "! " + text;
        }
    }
}
