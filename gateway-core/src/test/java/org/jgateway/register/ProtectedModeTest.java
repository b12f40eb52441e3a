package org.jgateway.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.transport.EventLoopResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** A register or inner port beyond loopback needs a secret, unless that is explicitly allowed (then warned about). */
class ProtectedModeTest {

    private final Logger log = (Logger) LoggerFactory.getLogger(ProtectedModeTest.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.3", "localhost", "::1"})
    void loopbackNeedsNoSecret(String host) {
        assertThatCode(() -> ProtectedMode.checkBind("register", host, "", false, log)).doesNotThrowAnyException();
        assertThat(logged.list).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.1.2.3", "192.168.0.7", "no-such-host.invalid"})
    void beyondLoopbackWithoutASecretIsRefused(String host) {
        assertThatThrownBy(() -> ProtectedMode.checkBind("register", host, "", false, log))
                .isInstanceOfSatisfying(UnprotectedPortException.class, e -> {
                    assertThat(e.isRegister()).isTrue();
                    assertThat(e.host()).isEqualTo(host);
                    assertThat(e.getMessage()).contains("register", host, "secretKey", "allowNoSecret");
                });
    }

    @Test
    void aSecretProtectsAnyAddress() {
        assertThatCode(() -> ProtectedMode.checkBind("register", "0.0.0.0", "s3cret", false, log))
                .doesNotThrowAnyException();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void allowedWithoutASecretIsWarnedAboutWithoutRefusing() {
        ProtectedMode.checkBind("gateway 'g' inner ports", "0.0.0.0", "", true, log);

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("gateway 'g' inner ports", "0.0.0.0", "no secret");
        });
    }

    @Test
    void registerRefusesToStartBeyondLoopbackWithoutASecret() {
        RegisterServer register = new RegisterServer(RegisterOptions.builder().host("0.0.0.0").port(0).build());
        try {
            assertThatThrownBy(register::start).isInstanceOfSatisfying(UnprotectedPortException.class,
                    e -> assertThat(e.isRegister()).isTrue());
        } finally {
            register.close();
        }
    }

    @Test
    void gatewayRefusesToOpenInnerPortsBeyondLoopbackWithoutASecret() {
        try (EventLoopResources loops = EventLoopResources.create(1, "protected-mode-test")) {
            GatewayServer gateway = new GatewayServer(GatewayOptions.builder().innerBindHost("0.0.0.0")
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).host("127.0.0.1").port(0).build(), 0)
                    .build(), loops.borrowed());
            assertThatThrownBy(gateway::start).isInstanceOfSatisfying(UnprotectedPortException.class, e -> {
                assertThat(e.isRegister()).isFalse();
                assertThat(e.what()).contains("inner ports");
            });
            assertThat(gateway.listeners()).allSatisfy(l -> assertThat(l.port()).isZero());
            gateway.close();
        }
    }

    @Test
    void clientsWarnOnceWhenTheyTalkToARegisterBeyondLoopbackWithoutASecret() {
        assertThat(ProtectedMode.warnIfUnprotected("client", List.of("127.0.0.1:1236"), "", log)).isFalse();
        assertThat(ProtectedMode.warnIfUnprotected("client", List.of("10.0.0.1:1236", "10.0.0.2:1236"), "s3", log))
                .isFalse();
        assertThat(logged.list).isEmpty();

        assertThat(ProtectedMode.warnIfUnprotected("client", List.of("127.0.0.1:1236", "10.0.0.1:1236",
                "10.0.0.2:1236"), "", log)).isTrue();
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("10.0.0.1:1236", "no secret");
        });
    }
}
