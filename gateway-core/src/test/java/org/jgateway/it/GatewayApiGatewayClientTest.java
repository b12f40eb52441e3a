package org.jgateway.it;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.jgateway.client.GatewayApi;
import org.jgateway.client.GatewayClient;

/**
 * The Gateway API of a {@link GatewayClient} outside any worker, which finds the gateways through the register and
 * reaches them over TCP.
 */
class GatewayApiGatewayClientTest extends GatewayApiIntegrationTest {

    private GatewayClient client;

    @Override
    boolean workerInJvm() {
        return true;
    }

    @Override
    GatewayApi openApi(TestCluster cluster) {
        client = GatewayClient.builder().cluster(cluster.connection()).build();
        List<String> gateways = new ArrayList<>();
        cluster.gateways.forEach(g -> gateways.addAll(g.addresses()));
        await().until(() -> client.pool().gatewayAddresses().containsAll(gateways));
        return client;
    }

    @Override
    void closeApi() {
        if (client != null) {
            client.close();
        }
    }
}
