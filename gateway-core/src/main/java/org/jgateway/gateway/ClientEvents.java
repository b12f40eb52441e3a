package org.jgateway.gateway;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.jgateway.gateway.listener.WebSocketRequest;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFlags;
import org.jgateway.protocol.GatewayFrame;
import org.jgateway.protocol.Ipv4;
import org.jgateway.protocol.php.PhpSerializer;

/**
 * The life of one listener's clients as events for the workers: a client is registered when it opens, and its
 * connect, messages and close are stamped with the listener's header fields (lanIp, inner port) and handed to the
 * {@link EventForwarder}. One per listener, shared by the {@link ClientChannelHandler}s of its connections.
 */
final class ClientEvents {

    private final String listenerName;
    private final int lanIp;
    private final int innerPort;
    private final ClientRegistry registry;
    private final EventForwarder forwarder;
    private final Heartbeat heartbeat;
    private final ClientMessageEncoder encoder;
    private final SlowConsumerPolicy slowConsumerPolicy;
    private final GatewayStats stats;

    ClientEvents(String listenerName, int lanIp, int innerPort, ClientRegistry registry, EventForwarder forwarder,
            Heartbeat heartbeat, ClientMessageEncoder encoder, SlowConsumerPolicy slowConsumerPolicy, GatewayStats stats) {
        this.listenerName = listenerName;
        this.lanIp = lanIp;
        this.innerPort = innerPort;
        this.registry = registry;
        this.forwarder = forwarder;
        this.heartbeat = heartbeat;
        this.encoder = encoder;
        this.slowConsumerPolicy = slowConsumerPolicy;
        this.stats = stats;
    }

    /**
     * Registers the client of {@code channel} and forwards its ON_CONNECT (then, for WebSocket, ON_WEBSOCKET_CONNECT
     * with the handshake {@code request}).
     */
    ClientConnection opened(Channel channel, WebSocketRequest request) {
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        int publicPort = ((InetSocketAddress) channel.localAddress()).getPort();
        ClientChannel sink = new ClientChannel(channel, encoder, slowConsumerPolicy, stats);
        ClientConnection client = new ClientConnection(registry.nextConnectionId(), sink, Ipv4.of(remote.getAddress()),
                remote.getPort(), publicPort, listenerName);
        client.lastMessageTick = heartbeat.currentTick();
        registry.add(client);
        // ON_CONNECT's body is empty in GatewayWorker (PHP workers ignore it); for an IPv6 client, whose header ip
        // must stay 0, it carries the real address so our workers can show it.
        byte[] realAddress = client.clientIp() == 0
                ? remote.getAddress().getHostAddress().getBytes(StandardCharsets.US_ASCII) : null;
        forwarder.forward(client, event(client, GatewayCommand.ON_CONNECT, GatewayFlags.BODY_IS_SCALAR, realAddress));
        if (request != null) {
            byte[] data = PhpSerializer.serialize(request.toPhpArray());
            forwarder.forward(client, event(client, GatewayCommand.ON_WEBSOCKET_CONNECT, 0, data));
        }
        return client;
    }

    /** Forwards one application message of the client (which also counts as a sign of life for the heartbeat). */
    void message(ClientConnection client, byte[] body) {
        client.lastMessageTick = heartbeat.currentTick();
        stats.clientMessagesIn.increment();
        stats.clientBytesIn.add(body.length);
        forwarder.forward(client, event(client, GatewayCommand.ON_MESSAGE, GatewayFlags.BODY_IS_SCALAR, body));
    }

    /** Removes the client and forwards its ON_CLOSE. */
    void closed(ClientConnection client) {
        registry.remove(client);
        client.disconnected = true;
        forwarder.forward(client, event(client, GatewayCommand.ON_CLOSE, GatewayFlags.BODY_IS_SCALAR, null));
        forwarder.clientClosed(client);
    }

    private GatewayFrame event(ClientConnection client, int cmd, int flag, byte[] body) {
        return new GatewayFrame(cmd, lanIp, innerPort, client.clientIp(), client.clientPort(), client.connectionId(), flag,
                client.gatewayPort(), client.session(), body);
    }
}
