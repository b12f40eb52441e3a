package org.jgateway.gateway;

import java.util.List;

/** Binds to the worker with the fewest clients bound by this gateway; ties go to the earliest-connected worker. */
final class LeastConnectionsRouter implements WorkerRouter {

    static final LeastConnectionsRouter INSTANCE = new LeastConnectionsRouter();

    @Override
    public WorkerLink select(ClientConnection client, List<WorkerLink> workers) {
        WorkerLink best = workers.get(0);
        int bestCount = best.boundClients();
        for (int i = 1, n = workers.size(); i < n; i++) {
            WorkerLink candidate = workers.get(i);
            int count = candidate.boundClients();
            if (count < bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "least-connections";
    }
}
