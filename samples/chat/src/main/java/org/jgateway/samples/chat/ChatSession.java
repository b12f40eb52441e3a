package org.jgateway.samples.chat;

import java.util.Map;

/**
 * What the chat keeps in a client's gateway session ({@code $_SESSION}): its nickname and room once logged in, and
 * whether it is a text (telnet) client. The session lives in the gateway, so every worker handling the client, and
 * every {@code getClientSessionsByGroup} query, sees it.
 *
 * @param name the nickname (also the client's uid), null before login
 * @param room the room (a group), null before login
 * @param text whether the client reads lines rather than JSON
 */
public record ChatSession(String name, String room, boolean text) {

    static final String NAME = "name";
    static final String ROOM = "room";
    static final String TEXT = "text";

    /** Reads the chat's keys from a session map. */
    public static ChatSession of(Map<String, Object> session) {
        return new ChatSession((String) session.get(NAME), (String) session.get(ROOM),
                Boolean.TRUE.equals(session.get(TEXT)));
    }

    public boolean loggedIn() {
        return name != null;
    }

    /** This session in another room. */
    ChatSession in(String newRoom) {
        return new ChatSession(name, newRoom, text);
    }

    /** Writes the chat's keys into a session map (saved to the gateway after the event). */
    void writeTo(Map<String, Object> session) {
        session.put(NAME, name);
        session.put(ROOM, room);
        session.put(TEXT, text);
    }

    /** The event in the form this client reads: a line for a text client, the event itself (sent as JSON) else. */
    Object render(ChatEvent event) {
        return text ? event.line() : event;
    }
}
