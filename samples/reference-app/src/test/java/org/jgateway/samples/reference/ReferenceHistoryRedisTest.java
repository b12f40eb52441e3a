package org.jgateway.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jgateway.history.HistoryStore;
import org.jgateway.redis.history.RedisHistoryStore;
import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The History rows of {@link ReferenceHistoryTest} with the reference app started as documented for the redis engine,
 * {@code --gateway.cluster.engine=redis --spring.data.redis.port=P}, against a real redis-server: the same replies,
 * with the history kept in Redis Streams.
 */
@SpringBootTest(properties = {"gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0", "server.port=0",
        "gateway.cluster.engine=redis"})
@DirtiesContext
class ReferenceHistoryRedisTest extends ReferenceHistoryTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @DynamicPropertySource
    static void redisPort(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", redis::port);
    }

    @Autowired
    HistoryStore history;

    @Test
    void theHistoryOfHGroupsIsKeptInRedis() throws Exception {
        assertThat(history).isInstanceOf(RedisHistoryStore.class);
        TestClient client = connect(TestClient.Protocol.TEXT);
        client.send("{\"type\":\"join\",\"group\":\"h:kept\"}");
        client.next();
        client.send("{\"type\":\"say\",\"group\":\"h:kept\",\"msg\":\"in redis\"}");
        client.next();
        assertThat((List<?>) redis.command("KEYS", "jgateway:{h:group:h:kept}:*")).hasSize(2);
        assertThat(redis.command("XLEN", "jgateway:{h:group:h:kept}:entries")).isEqualTo(1L);
    }
}
