package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

    private final Gateway gw = new Gateway();
    private final ClientRegistry registry = gw.registry;

    @Test
    void connectionIdsStartAtOneAndSkipIdsInUse() {
        assertThat(registry.nextConnectionId()).isEqualTo(1);
        gw.client(2);
        gw.client(3);
        assertThat(registry.nextConnectionId()).isEqualTo(4);
        assertThat(registry.nextConnectionId()).isEqualTo(5);
    }

    @Test
    void connectionIdsWrapAfterTheLargestU32BackToOneNeverZero() {
        Gateway wrapping = new Gateway(new ClientRegistry((int) 4294967294L));
        wrapping.client(1);
        assertThat(Integer.toUnsignedLong(wrapping.registry.nextConnectionId())).isEqualTo(4294967295L);
        assertThat(wrapping.registry.nextConnectionId()).isEqualTo(2);
        assertThat(wrapping.registry.nextConnectionId()).isEqualTo(3);
    }

    @Test
    void addGetRemoveAndIterate() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.get(1)).isSameAs(a);
        assertThat(registry).containsExactlyInAnyOrder(a, b);
        assertThatThrownBy(() -> gw.client(1)).isInstanceOf(IllegalStateException.class);

        assertThat(registry.remove(a)).isTrue();
        assertThat(registry.remove(a)).isFalse();
        assertThat(a.isClosed()).isTrue();
        assertThat(registry.get(1)).isNull();
        assertThat(registry).containsExactly(b);
    }

    @Test
    void rebindingMovesTheClientToTheNewUid() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        registry.bindUid(a, "u1");
        registry.bindUid(b, "u1");
        assertThat(registry.uidConnections("u1")).containsExactly(a, b);

        registry.bindUid(a, "u2");
        assertThat(a.uid()).isEqualTo("u2");
        assertThat(registry.uidConnections("u1")).containsExactly(b);
        assertThat(registry.uidConnections("u2")).containsExactly(a);

        registry.unbindUid(b);
        assertThat(b.uid()).isNull();
        assertThat(registry.uids()).containsExactly("u2");
        assertThat(registry.unbindUid(b)).isFalse();
    }

    @Test
    void leavingDropsEmptyGroupsAndCloseLeavesEverything() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        registry.joinGroup(a, "g1");
        registry.joinGroup(a, "g2");
        registry.joinGroup(b, "g1");
        assertThat(registry.joinGroup(b, "g1")).isFalse();
        assertThat(registry.groupIds()).containsExactlyInAnyOrder("g1", "g2");
        assertThat(registry.groupSize("g1")).isEqualTo(2);

        registry.leaveGroup(a, "g2");
        assertThat(registry.groupIds()).containsExactly("g1");
        assertThat(a.groups()).containsExactly("g1");
        assertThat(registry.leaveGroup(a, "g2")).isFalse();

        registry.bindUid(a, "u");
        registry.remove(a);
        assertThat(registry.groupMembers("g1")).containsExactly(b);
        assertThat(registry.uids()).isEmpty();
        // The closed client's own state stays readable (its close event carries it).
        assertThat(a.uid()).isEqualTo("u");
    }

    @Test
    void bindJoinAndSessionOnAClosedClientDoNothing() {
        ClientConnection a = gw.client(1);
        registry.remove(a);
        assertThat(registry.bindUid(a, "u")).isFalse();
        assertThat(registry.joinGroup(a, "g")).isFalse();
        registry.setSession(a, Gateway.bytes("a:0:{}"));
        assertThat(registry.uids()).isEmpty();
        assertThat(registry.groupIds()).isEmpty();
        assertThat(a.session()).isEmpty();
    }

    @Test
    void ungroupDropsTheGroupAndKeepsTheClients() {
        ClientConnection a = gw.client(1);
        ClientConnection b = gw.client(2);
        registry.joinGroup(a, "room");
        registry.joinGroup(b, "room");
        registry.joinGroup(b, "other");

        assertThat(registry.ungroup("room")).isEqualTo(2);
        assertThat(registry.groupIds()).containsExactly("other");
        assertThat(a.groups()).isEmpty();
        assertThat(b.groups()).containsExactly("other");
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.ungroup("room")).isZero();
    }

    @Test
    void largeGroupsSwitchRepresentationBothWays() {
        int n = ConnectionIndex.ARRAY_LIMIT * 3;
        ClientConnection[] clients = new ClientConnection[n];
        for (int i = 0; i < n; i++) {
            clients[i] = gw.client(i + 1);
            registry.joinGroup(clients[i], "big");
            assertThat(registry.groupSize("big")).isEqualTo(i + 1);
        }
        assertThat(registry.groupMembers("big")).containsExactlyInAnyOrder(clients);
        for (int i = 0; i < n; i++) {
            assertThat(registry.isGroupMember("big", clients[i])).isTrue();
            registry.leaveGroup(clients[i], "big");
            assertThat(registry.isGroupMember("big", clients[i])).isFalse();
            assertThat(registry.groupSize("big")).isEqualTo(n - i - 1);
        }
        assertThat(registry.groupIds()).isEmpty();
    }

    @Test
    void aClientInManyGroupsKeepsThemAll() {
        ClientConnection a = gw.client(1);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            registry.joinGroup(a, "g" + i);
            expected.add("g" + i);
            assertThat(a.groups()).isEqualTo(expected);
        }
        for (int i = 0; i < 10; i++) {
            registry.leaveGroup(a, "g" + i);
            expected.remove("g" + i);
            assertThat(a.groups()).isEqualTo(expected);
        }
        assertThat(registry.groupCount()).isZero();
    }
}
