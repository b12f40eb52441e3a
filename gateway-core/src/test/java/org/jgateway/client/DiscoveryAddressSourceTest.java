package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterDiscovery;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.Test;

class DiscoveryAddressSourceTest {

    @Test
    void onAnEventLoopItAnswersAtOnceInsteadOfWaitingForTheFirstList() throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(1, "source-test")) {
            // Nothing listens on port 1: the first list never comes.
            DiscoveryAddressSource source = new DiscoveryAddressSource(new RegisterDiscovery(
                    ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:1").build()),
                    Duration.ofSeconds(30), loops.borrowed());
            try {
                Future<?> onLoop = loops.group().next().submit(source::gatewayAddresses);
                // Well below the 30 s it would wait off the loop.
                assertThatThrownBy(() -> onLoop.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(GatewayException.class).hasMessageContaining("event loop");
                assertThat(onLoop.isDone()).isTrue();
            } finally {
                source.close();
            }
        }
    }
}
