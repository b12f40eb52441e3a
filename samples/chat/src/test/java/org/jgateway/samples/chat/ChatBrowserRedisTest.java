package org.jgateway.samples.chat;

import org.jgateway.test.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ChatBrowserTest} with the redis engine against a real redis-server: the rooms' history is kept in Redis
 * Streams, and a browser that was offline is shown what it missed, once and in order, or a gap, as with the memory
 * store.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.cluster.engine=redis")
@ActiveProfiles("test")
@DirtiesContext
class ChatBrowserRedisTest extends ChatBrowserTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.standalone();

    @DynamicPropertySource
    static void redisPort(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", redis::port);
    }
}
