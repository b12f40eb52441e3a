package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jgateway.engine.LocalIndexListener;
import org.jgateway.protocol.GatewayCommand;
import org.jgateway.protocol.GatewayFrame;
import org.junit.jupiter.api.Test;

/** The gateway tells its engine of every client and every membership command, in the order it applied them. */
class LocalIndexListenerTest {

    private final Gateway gw = new Gateway();
    private final List<String> calls = new ArrayList<>();

    LocalIndexListenerTest() {
        gw.registry.listen(new LocalIndexListener() {
            @Override
            public void connected(int connectionId) {
                calls.add("connected " + connectionId);
            }

            @Override
            public void closed(int connectionId, String uid, Set<String> groups) {
                calls.add("closed " + connectionId + " " + uid + " " + groups);
            }

            @Override
            public void uidBound(int connectionId, String uid) {
                calls.add("bound " + connectionId + " " + uid);
            }

            @Override
            public void uidUnbound(int connectionId) {
                calls.add("unbound " + connectionId);
            }

            @Override
            public void groupJoined(int connectionId, String group) {
                calls.add("joined " + connectionId + " " + group);
            }

            @Override
            public void groupLeft(int connectionId, String group) {
                calls.add("left " + connectionId + " " + group);
            }

            @Override
            public void absent(int connectionId) {
                calls.add("absent " + connectionId);
            }
        });
    }

    private static GatewayFrame command(int cmd, int connectionId, String ext) {
        return GatewayFrame.scalarCommand(cmd, connectionId, ext.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Test
    void everyAppliedMembershipCommandIsReportedEvenWhenItChangesNothing() {
        ClientConnection client = gw.client(7);
        GatewayCommandHandler handler = new GatewayCommandHandler(gw.registry);
        handler.execute(command(GatewayCommand.BIND_UID, 7, "u"));
        handler.execute(command(GatewayCommand.BIND_UID, 7, "u"));
        handler.execute(command(GatewayCommand.JOIN_GROUP, 7, "g"));
        handler.execute(command(GatewayCommand.LEAVE_GROUP, 7, "g"));
        handler.execute(command(GatewayCommand.LEAVE_GROUP, 7, "g"));
        handler.execute(command(GatewayCommand.JOIN_GROUP, 7, "h"));
        handler.execute(command(GatewayCommand.UNBIND_UID, 7, ""));
        handler.execute(command(GatewayCommand.BIND_UID, 7, "v"));
        gw.registry.remove(client);

        assertThat(calls).containsExactly("connected 7", "bound 7 u", "bound 7 u", "joined 7 g", "left 7 g", "left 7 g",
                "joined 7 h", "unbound 7", "bound 7 v", "closed 7 v [h]");
    }

    @Test
    void aMembershipCommandForAConnectionThatIsNotLiveIsReportedAsAbsent() {
        ClientConnection client = gw.client(3);
        gw.registry.remove(client);
        GatewayCommandHandler handler = new GatewayCommandHandler(gw.registry);
        handler.execute(command(GatewayCommand.JOIN_GROUP, 3, "g"));
        handler.execute(command(GatewayCommand.BIND_UID, 9, "u"));
        // A client closed between the lookup and the change.
        gw.registry.joinGroup(client, "g");

        assertThat(calls).containsExactly("connected 3", "closed 3 null []", "absent 3", "absent 9", "absent 3");
    }

    @Test
    void theEngineReadsTheLiveClientsWithTheirMembership() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        gw.registry.bindUid(a, "u");
        gw.registry.joinGroup(a, "g");
        gw.registry.joinGroup(b, "g");
        gw.registry.remove(b);
        List<String> seen = new ArrayList<>();
        gw.registry.forEachClient((id, uid, groups) -> seen.add(id + " " + uid + " " + groups));
        assertThat(seen).containsExactly("1 u [g]");
    }
}
