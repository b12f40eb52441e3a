package org.jgateway.samples.chat;

import java.util.regex.Pattern;
import org.jgateway.history.Recovery;
import org.jgateway.history.StreamPosition;
import org.jgateway.samples.chat.ChatEvent.Joined;
import org.jgateway.samples.chat.ChatEvent.Left;
import org.jgateway.samples.chat.ChatEvent.Online;
import org.jgateway.samples.chat.ChatEvent.Problem;
import org.jgateway.samples.chat.ChatEvent.Resumed;
import org.jgateway.samples.chat.ChatEvent.Rooms;
import org.jgateway.samples.chat.ChatEvent.Said;
import org.jgateway.spring.GatewayTemplate;
import org.jgateway.spring.annotation.GatewayEventHandler;
import org.jgateway.spring.annotation.OnClose;
import org.jgateway.spring.annotation.OnConnect;
import org.jgateway.spring.annotation.OnMessage;
import org.jgateway.worker.EventContext;
import org.springframework.core.env.Environment;

/**
 * The chat's business logic: GatewayWorker's {@code Events} class. Browsers send JSON messages routed by their
 * {@code type} ({@code login}, {@code say}, {@code online}, {@code rooms}, {@code logout}, {@code pong}); text
 * clients send lines: the first is their nickname, then {@code /commands} or text for their room.
 * <p>
 * A reply is {@link ChatSession#render rendered} for the client: a line for a text client, the {@link ChatEvent} as
 * JSON for a browser. The handler keeps no state: nickname, room and format live in the client's gateway session,
 * so any number of workers can run it.
 */
@GatewayEventHandler
public class ChatHandler {

    /** The room a text client enters with its nickname. */
    public static final String DEFAULT_ROOM = "lobby";

    static final String COMMANDS = "/join ROOM, /to NAME MESSAGE, /who, /rooms, /quit";
    static final String WELCOME = "Welcome to the JGateway chat! Type your nickname to enter the room \""
            + DEFAULT_ROOM + "\".\nThen each line you type goes to the room. Commands: " + COMMANDS;

    /** Nicknames and room names; never a ':', which {@link ChatRooms} uses for its delivery groups. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,24}");
    private static final String NAME_RULE = "1 to 24 letters, digits, '.', '_' or '-'";

    private final ChatRooms rooms;
    private final GatewayTemplate gateway;
    private final Environment environment;

    public ChatHandler(ChatRooms rooms, GatewayTemplate gateway, Environment environment) {
        this.rooms = rooms;
        this.gateway = gateway;
        this.environment = environment;
    }

    /**
     * Browser request {@code {"type":"login","name":"alice","room":"lobby"}}; also switches rooms once logged in. A
     * page coming back after losing its connection adds the last position it saw in the room,
     * {@code "since":{"offset":41,"epoch":"…"}}, and is given what it missed.
     */
    public record Login(String name, String room, StreamPosition since) {

        Login(String name, String room) {
            this(name, room, null);
        }
    }

    /** Browser request {@code {"type":"say","text":"hello"}}, to one user with {@code "to":"bob"}. */
    public record Say(String text, String to) {
    }

    @OnConnect
    public String connect(EventContext context) {
        if (!fromTextListener(context)) {
            return null;                                    // the page logs in by itself
        }
        context.session().put(ChatSession.TEXT, true);      // saved to the gateway after the event
        return WELCOME;
    }

    @OnMessage(type = "login")
    public Object login(Login login, EventContext context) {
        String clientId = context.clientId();
        ChatSession me = ChatSession.of(context.session());
        String room = login.room() == null || login.room().isBlank() ? DEFAULT_ROOM : login.room().strip();
        if (!NAME.matcher(room).matches()) {
            return me.render(new Problem("A room name is " + NAME_RULE));
        }
        if (!me.loggedIn()) {
            String name = login.name() == null ? "" : login.name().strip();
            if (!NAME.matcher(name).matches()) {
                return me.render(new Problem("A nickname is " + NAME_RULE));
            }
            if (gateway.isUidOnline(name)) {
                return me.render(new Problem("The nickname " + name + " is taken"));
            }
            gateway.bindUid(clientId, name);                // private messages go to the uid
            me = new ChatSession(name, null, me.text());
        } else if (room.equals(me.room())) {
            return me.render(new Online(room, rooms.namesWith(room, clientId, me.name())));
        } else {
            leaveRoom(clientId, me);
        }
        me = me.in(room);
        me.writeTo(context.session());
        Recovery recovery = rooms.enter(clientId, me, login.since());
        if (recovery != null) {
            // After the missed events, before anything new: the page marks a gap when some are lost.
            gateway.sendToCurrentClient(me.render(new Resumed(room, recovery.recovered(),
                    recovery.position().offset(), recovery.position().epoch())));
        }
        rooms.broadcast(room, new Joined(me.name(), room, rooms.namesWith(room, clientId, me.name())));
        return null;
    }

    @OnMessage(type = "say")
    public Object say(Say say, EventContext context) {
        ChatSession me = ChatSession.of(context.session());
        String text = say.text() == null ? "" : say.text().strip();
        if (!me.loggedIn()) {
            return me.render(new Problem("Log in first"));
        }
        if (text.isEmpty()) {
            return null;
        }
        String to = say.to() == null || say.to().isBlank() ? null : say.to().strip();
        Said said = new Said(me.name(), to, me.room(), text);
        if (to == null) {
            rooms.broadcast(me.room(), said);
            return null;
        }
        if (!rooms.sendToUser(to, said)) {
            return me.render(new Problem(to + " is not online"));
        }
        return to.equals(me.name()) ? null : me.render(said);  // the sender sees what it sent
    }

    @OnMessage(type = "online")
    public Object online(EventContext context) {
        ChatSession me = ChatSession.of(context.session());
        if (!me.loggedIn()) {
            return me.render(new Problem("Log in first"));
        }
        return me.render(new Online(me.room(), rooms.namesWith(me.room(), context.clientId(), me.name())));
    }

    @OnMessage(type = "rooms")
    public Object rooms(EventContext context) {
        return ChatSession.of(context.session()).render(new Rooms(rooms.counts(), rooms.connections()));
    }

    @OnMessage(type = "logout")
    public void logout(EventContext context) {
        ChatSession me = ChatSession.of(context.session());
        if (me.loggedIn()) {
            leaveRoom(context.clientId(), me);
            gateway.unbindUid(context.clientId(), me.name());
            context.session().remove(ChatSession.NAME);
            context.session().remove(ChatSession.ROOM);
        }
    }

    /** The page's answer to the heartbeat's {@code {"type":"ping"}}: the gateway saw a message, nothing else to do. */
    @OnMessage(type = "pong")
    public void pong() {
    }

    /**
     * Every other message. From a text client: its nickname first, then commands or text for its room. From a
     * browser: a type this chat does not know, ignored.
     */
    @OnMessage
    public Object line(String line, EventContext context) {
        ChatSession me = ChatSession.of(context.session());
        String input = line.strip();
        if (!me.text() || input.isEmpty()) {
            return null;                                    // an empty line is how a telnet user answers the ping
        }
        if (!me.loggedIn()) {
            return input.startsWith("/") ? me.render(new Problem("Type your nickname first"))
                    : login(new Login(input, DEFAULT_ROOM), context);
        }
        if (!input.startsWith("/")) {
            return say(new Say(input, null), context);
        }
        String[] words = input.split("\\s+", 3);
        return switch (words[0]) {
            case "/join" -> words.length > 1 ? login(new Login(me.name(), words[1]), context) : usage(me);
            case "/to" -> words.length > 2 ? say(new Say(words[2], words[1]), context) : usage(me);
            case "/who" -> online(context);
            case "/rooms" -> rooms(context);
            case "/quit" -> {
                gateway.closeCurrentClient("Bye!");
                yield null;
            }
            default -> usage(me);
        };
    }

    /** Tells the room; the gateway has already removed the client from its groups and its uid. */
    @OnClose
    public void close(EventContext context) {
        ChatSession me = ChatSession.of(context.session());
        if (me.loggedIn()) {
            rooms.broadcast(me.room(), new Left(me.name(), me.room(), rooms.namesWithout(me.room(), context.clientId())));
        }
    }

    private void leaveRoom(String clientId, ChatSession me) {
        rooms.leave(clientId, me);
        rooms.broadcast(me.room(), new Left(me.name(), me.room(), rooms.namesWithout(me.room(), clientId)));
    }

    private static Object usage(ChatSession me) {
        return me.render(new Problem("Commands: " + COMMANDS));
    }

    /**
     * Whether the client came through the text listener. {@code chat.text-port} defaults to the port the listener
     * got ({@code local.gateway.listeners.text.port}, published once the gateway is up, also when configured as 0);
     * a worker in another process than the gateway sets it instead.
     */
    private boolean fromTextListener(EventContext context) {
        Integer textPort = environment.getProperty("chat.text-port", Integer.class);
        return textPort != null && textPort == context.gatewayPort();
    }
}
