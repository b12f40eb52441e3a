package org.jgateway.gateway;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Binds to a random worker. */
final class RandomRouter implements WorkerRouter {

    static final RandomRouter INSTANCE = new RandomRouter();

    @Override
    public WorkerLink select(ClientConnection client, List<WorkerLink> workers) {
        return workers.get(ThreadLocalRandom.current().nextInt(workers.size()));
    }

    @Override
    public String toString() {
        return "random";
    }
}
