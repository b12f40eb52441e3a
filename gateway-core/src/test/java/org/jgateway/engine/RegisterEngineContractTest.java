package org.jgateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The register engine, GatewayWorker's: every push to every gateway, presence asked of every gateway. */
class RegisterEngineContractTest extends ClusterEngineContract {

    @Override
    protected ClusterBroker newBroker() {
        return new RegisterBroker();
    }

    @Override
    protected LocalIndexSync indexSync() {
        return LocalIndexSync.NONE;
    }

    @Override
    protected boolean routes() {
        return false;
    }

    @Test
    void everyBroadcastCommandIsCountedAsBroadcast() {
        api.sendToUid("nobody", "x");
        api.sendToGroup("nothing", "x");
        api.sendToAll("x");
        assertThat(broker.stats().broadcast()).isEqualTo(3);
        assertThat(broker.stats().routed()).isZero();
        assertThat(broker.presence(java.util.List.of("127.0.0.1:1"))).isNull();
    }
}
