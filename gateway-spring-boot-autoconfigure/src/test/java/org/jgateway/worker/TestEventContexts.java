package org.jgateway.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jgateway.client.GatewayApi;
import org.jgateway.protocol.ClientId;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;

/**
 * Builds {@link EventContext}s for handler tests (its constructor is package-private): client 127.0.0.1:50000 on
 * gateway 10.0.0.1:2900 (public port 8282), connection 7.
 */
public final class TestEventContexts {

    public static final int GATEWAY_IP = Ipv4.parse("10.0.0.1");
    public static final int GATEWAY_INNER_PORT = 2900;
    public static final int CONNECTION_ID = 7;
    public static final String CLIENT_ID = ClientId.format(GATEWAY_IP, GATEWAY_INNER_PORT, CONNECTION_ID);

    private TestEventContexts() {
    }

    /** A context whose session is {@code session} itself, so that tests see what handlers did to it. */
    public static EventContext create(int eventType, GatewayApi api, Map<String, Object> session) {
        return create(eventType, 0, api, session);
    }

    /** A context whose frame carries {@code flag} ({@link org.jgateway.protocol.GatewayFlags}). */
    public static EventContext create(int eventType, int flag, GatewayApi api, Map<String, Object> session) {
        GatewayFrame frame = new GatewayFrame(eventType, GATEWAY_IP, GATEWAY_INNER_PORT, Ipv4.parse("127.0.0.1"), 50000,
                CONNECTION_ID, flag, 8282, null, null);
        return new EventContext(frame, CLIENT_ID, null, api, (context, ext) -> session);
    }

    public static EventContext create(GatewayApi api) {
        return create(GatewayCommand.ON_MESSAGE, api, new LinkedHashMap<>());
    }

    /** A WebSocket-connect context carrying the handshake {@code data}, as the worker sets it. */
    public static EventContext webSocket(GatewayApi api, Map<String, Object> session, Map<String, Object> data) {
        EventContext context = create(GatewayCommand.ON_WEBSOCKET_CONNECT, api, session);
        context.webSocketData(data);
        return context;
    }
}
