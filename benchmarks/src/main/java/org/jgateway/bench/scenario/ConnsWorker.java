package org.jgateway.bench.scenario;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jgateway.bench.Args;
import org.jgateway.bench.client.ClientFactory;
import org.jgateway.bench.client.Connections;

/**
 * {@code conns-worker}: the child process of {@code conns}. Opens its share of connections, prints
 * {@code READY <ready> <failed> <nanos>}, holds them until its standard input closes, then closes them.
 * Exists because one process may open at most 20,000 files here.
 */
public final class ConnsWorker {

    static final String READY = "READY";

    private ConnsWorker() {
    }

    public static void run(Args args) throws Exception {
        Common common = Common.read(args, 0, 0);
        int count = args.integer("count", 1000);
        int firstIndex = args.integer("first-index", 0);
        boolean bindJoin = args.flag("bind-join");
        args.rejectUnknown();
        try (ClientFactory factory = new ClientFactory(common.target(), common.threads())) {
            ConnsHolder.Batch batch = ConnsHolder.open(factory, count, firstIndex, common.sources(), bindJoin);
            System.out.println(READY + " " + batch.opened().ready().size() + " " + batch.failed() + " " + batch.nanos());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            while (in.readLine() != null) {
                // Holds the connections until the parent closes our standard input.
            }
            Connections.closeAll(batch.opened().ready());
        }
    }
}
