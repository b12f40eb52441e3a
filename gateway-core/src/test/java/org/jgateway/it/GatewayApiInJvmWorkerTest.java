package org.jgateway.it;

import org.jgateway.client.GatewayApi;

/** The Gateway API of a worker attached to the gateway in memory. */
class GatewayApiInJvmWorkerTest extends GatewayApiIntegrationTest {

    @Override
    boolean workerInJvm() {
        return true;
    }

    @Override
    GatewayApi openApi(TestCluster cluster) {
        return cluster.worker().api();
    }
}
