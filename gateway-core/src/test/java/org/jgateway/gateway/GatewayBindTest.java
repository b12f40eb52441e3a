package org.jgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A port in use fails the start with the listener, the address and which of its ports, and leaks no socket. */
class GatewayBindTest {

    /** A register that is not there: a gateway that did start must not announce itself to somebody else's. */
    private static final ClusterConnectionOptions NOWHERE =
            ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:9").build();

    private static EventLoopResources resources;

    @BeforeAll
    static void createLoops() {
        resources = EventLoopResources.create(1, "gateway-bind-test");
    }

    @AfterAll
    static void closeLoops() {
        resources.close();
    }

    @Test
    void aClientPortInUseNamesTheListenerAndReleasesTheOtherPorts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int innerPort;
            try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                innerPort = free.getLocalPort();
            }
            GatewayOptions options = GatewayOptions.builder().cluster(NOWHERE)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("first").port(0).build(), innerPort)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("second").port(taken.getLocalPort())
                            .build(), 0)
                    .build();
            try (GatewayServer gateway = new GatewayServer(options, resources)) {
                assertThatThrownBy(gateway::start).isInstanceOfSatisfying(GatewayBindException.class, e -> {
                    assertThat(e.listener()).isEqualTo("second");
                    assertThat(e.host()).isEqualTo("127.0.0.1");
                    assertThat(e.port()).isEqualTo(taken.getLocalPort());
                    assertThat(e.inner()).isFalse();
                    // A BindException with NIO, Netty's NativeIoException with the epoll and io_uring transports.
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                    assertThat(e.getMessage()).contains("'second'", "127.0.0.1:" + taken.getLocalPort(), "client port");
                });
            }
            // The first listener's inner port was bound before the failure: it must be free again.
            new ServerSocket(innerPort, 50, InetAddress.getLoopbackAddress()).close();
        }
    }

    @Test
    void anInnerPortInUseSaysSo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            GatewayOptions options = GatewayOptions.builder().cluster(NOWHERE)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(),
                            taken.getLocalPort())
                    .build();
            try (GatewayServer gateway = new GatewayServer(options, resources)) {
                assertThatThrownBy(gateway::start).isInstanceOfSatisfying(GatewayBindException.class, e -> {
                    assertThat(e.listener()).isEqualTo("text");
                    assertThat(e.port()).isEqualTo(taken.getLocalPort());
                    assertThat(e.inner()).isTrue();
                });
            }
        }
    }
}
