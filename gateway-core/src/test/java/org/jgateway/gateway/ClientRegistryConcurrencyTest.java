package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class ClientRegistryConcurrencyTest {

    private static final int THREADS = 6;
    private static final int SLOTS = 64;
    private static final int OPERATIONS = 40_000;
    private static final String[] GROUPS = {"a", "b", "c", "d"};
    private static final String[] UIDS = {"u1", "u2", "u3"};

    @Test
    void concurrentJoinsLeavesBindsUngroupsAndClosesLeaveConsistentIndexes() throws Exception {
        Gateway gw = new Gateway();
        ClientRegistry registry = gw.registry;
        AtomicReferenceArray<ClientConnection> slots = new AtomicReferenceArray<>(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            slots.set(i, newClient(gw));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    start.await();
                    for (int i = 0; i < OPERATIONS; i++) {
                        int slot = random.nextInt(SLOTS);
                        ClientConnection client = slots.get(slot);
                        String group = GROUPS[random.nextInt(GROUPS.length)];
                        switch (random.nextInt(10)) {
                            case 0, 1, 2 -> registry.joinGroup(client, group);
                            case 3, 4 -> registry.leaveGroup(client, group);
                            case 5 -> registry.bindUid(client, UIDS[random.nextInt(UIDS.length)]);
                            case 6 -> registry.unbindUid(client);
                            case 7 -> {
                                if (random.nextInt(8) == 0) {
                                    registry.ungroup(group);
                                }
                            }
                            default -> {
                                if (random.nextInt(4) == 0 && slots.compareAndSet(slot, client, newClient(gw))) {
                                    registry.remove(client);
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertConsistent(registry);
    }

    private static ClientConnection newClient(Gateway gw) {
        synchronized (gw) {
            return gw.client(gw.registry.nextConnectionId());
        }
    }

    private static void assertConsistent(ClientRegistry registry) {
        Set<ClientConnection> live = new HashSet<>();
        registry.forEach(live::add);
        for (String group : registry.groupIds()) {
            List<ClientConnection> members = registry.groupMembers(group);
            assertThat(members).as("group %s", group).isNotEmpty();
            for (ClientConnection member : members) {
                assertThat(live).as("member of %s is live", group).contains(member);
                assertThat(member.groups()).as("member of %s knows it", group).contains(group);
            }
        }
        for (String uid : registry.uids()) {
            List<ClientConnection> clients = registry.uidConnections(uid);
            assertThat(clients).isNotEmpty();
            for (ClientConnection client : clients) {
                assertThat(live).contains(client);
                assertThat(client.uid()).isEqualTo(uid);
            }
        }
        for (ClientConnection client : live) {
            for (String group : client.groups()) {
                assertThat(registry.isGroupMember(group, client)).as("index has %s in %s", client, group).isTrue();
            }
            if (client.uid() != null) {
                assertThat(registry.uidConnections(client.uid())).contains(client);
            }
        }
    }
}
