package org.jgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterClientOptions;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.Test;

class RegisterAddressSourceTest {

    @Test
    void onAnEventLoopItAnswersAtOnceInsteadOfWaitingForTheFirstList() throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(1, "source-test")) {
            // Nothing listens on port 1: the first list never comes.
            RegisterAddressSource source = new RegisterAddressSource(RegisterClientOptions.builder()
                    .cluster(ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:1")
                            .connectTimeout(Duration.ofSeconds(30)).build())
                    .build(), loops.borrowed());
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
