package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgateway.protocol.GatewayFrame;
import org.junit.jupiter.api.Test;

class WorkerRouterTest {

    private static final class FakeLink implements WorkerLink {
        final String key;
        final AtomicInteger bound = new AtomicInteger();
        boolean open = true;

        FakeLink(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public boolean send(ClientConnection client, GatewayFrame event) {
            return open;
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void whenWritable(Runnable task) {
            task.run();
        }

        @Override
        public int boundClients() {
            return bound.get();
        }

        @Override
        public void adjustBoundClients(int delta) {
            bound.addAndGet(delta);
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private static ClientConnection client(int id) {
        return new ClientConnection(id, new RecordingSink(new TextEncoder()), 0, 0, 0, "t");
    }

    @Test
    void leastConnectionsPicksTheFewestAndBreaksTiesToTheEarliest() {
        FakeLink a = new FakeLink("a");
        FakeLink b = new FakeLink("b");
        FakeLink c = new FakeLink("c");
        List<WorkerLink> workers = List.of(a, b, c);
        assertThat(WorkerRouter.leastConnections().select(client(1), workers)).isSameAs(a);
        a.adjustBoundClients(1);
        assertThat(WorkerRouter.leastConnections().select(client(2), workers)).isSameAs(b);
        b.adjustBoundClients(1);
        c.adjustBoundClients(1);
        assertThat(WorkerRouter.leastConnections().select(client(3), workers)).isSameAs(a);
    }

    @Test
    void randomSpreadsOverAllWorkers() {
        List<WorkerLink> workers = List.of(new FakeLink("a"), new FakeLink("b"), new FakeLink("c"));
        Set<WorkerLink> chosen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            chosen.add(WorkerRouter.random().select(client(i), workers));
        }
        assertThat(chosen).hasSize(3);
    }

    @Test
    void aNewConnectionWithTheSameKeyReplacesTheOldOneAndTheOldOnesCloseCannotEvictIt() {
        List<String> added = new ArrayList<>();
        WorkerDirectory directory = new WorkerDirectory("test", () -> added.add("x"));
        FakeLink first = new FakeLink("127.0.0.1:W:1");
        FakeLink second = new FakeLink("127.0.0.1:W:1");
        directory.add(first);
        directory.add(second);
        assertThat(first.open).isFalse();
        assertThat(directory.open()).containsExactly(second);
        assertThat(directory.remove(first)).isFalse();
        assertThat(directory.open()).containsExactly(second);
        assertThat(added).hasSize(2);
    }
}
