package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgateway.discovery.GatewayDiscovery;
import org.jgateway.register.RegisterDiscovery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The History rows of {@link ReferenceHistoryTest}, and the Redis check of {@link ReferenceHistoryRedisTest}, with the
 * default register engine and {@code --gateway.history.store=redis --spring.data.redis.port=P}: the same replies,
 * the history in Redis Streams, the gateways still found through the register.
 */
@SpringBootTest(properties = {"gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0", "server.port=0",
        "gateway.history.store=redis"})
@DirtiesContext
class ReferenceHistoryRegisterRedisTest extends ReferenceHistoryRedisTest {

    @Autowired
    GatewayDiscovery discovery;

    @Test
    void theRegisterStillFindsTheGateways() {
        assertThat(discovery).isInstanceOf(RegisterDiscovery.class);
    }
}
