package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jgateway.client.RecordingTransport.Sent;
import org.jgateway.engine.BrokerStats;
import org.jgateway.engine.ClusterBroker;
import org.jgateway.engine.ClusterPresence;
import org.jgateway.engine.Membership;
import org.jgateway.protocol.GatewayCommand;
import org.junit.jupiter.api.Test;

/** The API sends broadcast commands where its engine says, records membership first and asks its presence. */
class TransportGatewayApiBrokerTest {

    static final String G1 = "127.0.0.1:2900";
    static final String G2 = "127.0.0.1:2901";
    static final String C1 = "7f0000010b5400000001";

    private final List<String> events = new ArrayList<>();
    private final RoutingBroker broker = new RoutingBroker();
    private final RecordingTransport transport = new RecordingTransport(G1, G2) {
        @Override
        public boolean send(String gatewayAddress, org.jgateway.protocol.GatewayFrame command) {
            events.add("send " + GatewayCommand.nameOf(command.cmd()) + " " + gatewayAddress);
            super.send(gatewayAddress, command);
            return !gatewayAddress.equals(unreachable);
        }
    };
    private String unreachable;
    private final TransportGatewayApi api = new TransportGatewayApi(transport,
            GatewayApiOptions.builder().broker(broker).build());

    @Test
    void pushesGoOnlyToTheGatewaysTheEngineNames() {
        api.sendToUid("u", "x");
        api.sendToGroup("g", "x");
        api.sendToAll("x");
        assertThat(transport.commands()).extracting(Sent::gateway).containsExactly(G2, G2, G2);
        assertThat(events).containsExactly("owners uid [u] of [127.0.0.1:2900, 127.0.0.1:2901]",
                "send SEND_TO_UID " + G2, "owners group [g]", "send SEND_TO_GROUP " + G2, "owners all",
                "send SEND_TO_ALL " + G2);
    }

    @Test
    void membershipIsRecordedBeforeItsCommandLeavesAndAnUnsentOneIsReported() {
        api.joinGroup(C1, "g");
        unreachable = G1;
        api.bindUid(C1, "u");
        api.ungroup("g");
        assertThat(events).containsExactly("changing JOIN_GROUP g", "send JOIN_GROUP " + G1,
                "changing BIND_UID u", "send BIND_UID " + G1, "not sent BIND_UID u",
                "owners group [g]", "changing UNGROUP g", "send UNGROUP " + G2);
    }

    @Test
    void presenceComesFromTheEngineAndFallsBackToTheGatewaysWhenItFails() {
        transport.answer(G1, "i:4;").answer(G2, "i:1;");
        assertThat(api.getAllClientIdCount()).isEqualTo(42);
        assertThat(transport.queries()).isEmpty();
        broker.presenceFails = true;
        assertThat(api.getAllClientIdCount()).isEqualTo(5);
        assertThat(transport.queries()).hasSize(2);
        assertThat(broker.stats().presenceFallbacks()).isEqualTo(1);
    }

    /** Routes everything to the second gateway and logs what it is asked. */
    private final class RoutingBroker implements ClusterBroker {

        final BrokerStats stats = new BrokerStats();
        volatile boolean presenceFails;

        @Override
        public String engine() {
            return "test";
        }

        @Override
        public Collection<String> uidOwners(Collection<String> uids, Collection<String> gateways) {
            events.add("owners uid " + uids + " of " + gateways);
            return List.of(G2);
        }

        @Override
        public Collection<String> groupOwners(Collection<String> groups, Collection<String> gateways) {
            events.add("owners group " + groups);
            return List.of(G2);
        }

        @Override
        public Collection<String> clientOwners(Collection<String> gateways) {
            events.add("owners all");
            return List.of(G2);
        }

        @Override
        public void membershipChanging(Membership change) {
            events.add("changing " + change.kind() + " " + change.id());
        }

        @Override
        public void membershipNotSent(Membership change) {
            events.add("not sent " + change.kind() + " " + change.id());
        }

        @Override
        public ClusterPresence presence(Collection<String> gateways) {
            return new ClusterPresence() {
                @Override
                public CompletableFuture<Map<String, List<String>>> clientIdsByUids(Set<String> uids) {
                    return answer(Map.of());
                }

                @Override
                public CompletableFuture<Set<String>> clientIdsByGroup(String group) {
                    return answer(Set.of());
                }

                @Override
                public CompletableFuture<Integer> clientCountByGroup(String group) {
                    return answer(0);
                }

                @Override
                public CompletableFuture<Integer> clientCount() {
                    return answer(42);
                }

                @Override
                public CompletableFuture<Set<String>> uidsByGroup(String group) {
                    return answer(Set.of());
                }

                @Override
                public CompletableFuture<Integer> uidCount() {
                    return answer(0);
                }

                @Override
                public CompletableFuture<Set<String>> groupIds() {
                    return answer(Set.of());
                }
            };
        }

        private <T> CompletableFuture<T> answer(T value) {
            return presenceFails ? CompletableFuture.failedFuture(new IllegalStateException("store down"))
                    : CompletableFuture.completedFuture(value);
        }

        @Override
        public BrokerStats stats() {
            return stats;
        }
    }
}
