package org.jgateway.gateway;

import java.nio.charset.StandardCharsets;
import org.jgateway.protocol.GatewayFrame;

/** A registry, a handler and clients with recording sinks, for tests. */
final class Gateway {

    final TextEncoder text = new TextEncoder();
    final ClientRegistry registry;
    final GatewayCommandHandler handler;

    Gateway() {
        this(new ClientRegistry());
    }

    Gateway(ClientRegistry registry) {
        this.registry = registry;
        this.handler = new GatewayCommandHandler(registry);
    }

    /** A connected text client with the given id. */
    ClientConnection client(int id) {
        return client(id, text);
    }

    ClientConnection client(int id, ClientMessageEncoder encoder) {
        ClientConnection client = new ClientConnection(id, new RecordingSink(encoder), 0x7f000001, 40000 + id, 8282,
                "text");
        registry.add(client);
        return client;
    }

    static RecordingSink sink(ClientConnection client) {
        return (RecordingSink) client.sink();
    }

    /** Executes a command with a raw (scalar) body. */
    void execute(int cmd, int connectionId, String ext, String body) {
        handler.execute(GatewayFrame.scalarCommand(cmd, connectionId, bytes(ext), bytes(body)));
    }

    /** Executes a command with flags. */
    void execute(int cmd, int connectionId, int flag, String ext, byte[] body) {
        handler.execute(GatewayFrame.command(cmd, connectionId, flag, bytes(ext), body));
    }

    byte[] query(int cmd, int connectionId, String ext) {
        return handler.query(GatewayFrame.scalarCommand(cmd, connectionId, bytes(ext), null));
    }

    Object queryValue(int cmd, int connectionId, String ext) {
        return handler.queryValue(GatewayFrame.scalarCommand(cmd, connectionId, bytes(ext), null));
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
