package org.jgateway.it;

import org.jgateway.client.GatewayApi;

/** The Gateway API of a worker connected to the gateway over loopback TCP. */
class GatewayApiTcpWorkerTest extends GatewayApiIntegrationTest {

    @Override
    boolean workerInJvm() {
        return false;
    }

    @Override
    GatewayApi openApi(TestCluster cluster) {
        return cluster.worker().api();
    }
}
