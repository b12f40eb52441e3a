package org.jgateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.LogFactory;
import org.jgateway.spring.context.GatewayPortInfoApplicationContextInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import tools.jackson.databind.json.JsonMapper;

/** Invalid settings fail the startup with a failure analysis that names the property and the fix. */
class GatewayPropertiesValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new GatewayPortInfoApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class,
                    GatewayRegisterAutoConfiguration.class, GatewayServerAutoConfiguration.class,
                    GatewayWorkerAutoConfiguration.class, GatewayTemplateAutoConfiguration.class,
                    SslAutoConfiguration.class))
            .withPropertyValues("gateway.register.port=0", "gateway.start-port=0",
                    "gateway.register-address=127.0.0.1:9", "gateway.listeners.ws.port=0");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gateway.machine-type=register,gatway | gateway.machine-type | unknown role 'gatway'",
            "gateway.lan-ip=::1 | gateway.lan-ip | IPv4",
            "gateway.lan-ip=localhost | gateway.lan-ip | IPv4",
            "gateway.register-address=text://127.0.0.1:1236 | gateway.register-address[0] | without a scheme",
            "gateway.register-address=127.0.0.1 | gateway.register-address[0] | the port is missing",
            "gateway.listeners.WS.port=0 | gateway.listeners.WS | same name in another case",
            "gateway.listeners[a.b].port=0 | gateway.listeners[a.b] | letters, digits",
            "gateway.listeners.text.port= | gateway.listeners.text.port | needs a port",
            "gateway.listeners.extra.host=0.0.0.0 | gateway.listeners.extra.port | needs a port",
            "gateway.listeners.ws.port=70000 | gateway.listeners.ws.port | not a port number",
            "gateway.listeners.ws.websocket-path=chat | gateway.listeners.ws.websocket-path | start with '/'",
            "gateway.listeners.text.websocket-path=/chat | gateway.listeners.text.websocket-path | only a websocket",
            "gateway.listeners.ws.ssl-bundle=missing | gateway.listeners.ws.ssl-bundle | no SSL bundle",
            "gateway.listeners.ws.max-message-size=0B | gateway.listeners.ws.max-message-size | must be 1..",
            "gateway.listeners.ws.max-message-size=3GB | gateway.listeners.ws.max-message-size | at most",
            "gateway.listeners.ws.inner-port=70000 | gateway.listeners.ws.inner-port | not a port number",
            "gateway.listeners.ws.max-connections-per-ip=-1 | gateway.listeners.ws.max-connections-per-ip | negative",
            "gateway.listeners.ws.handshake-timeout=0 | gateway.listeners.ws.handshake-timeout | positive",
            "gateway.listeners.ws.ping-interval=-1s | gateway.listeners.ws.ping-interval | negative",
            "gateway.listeners.text.ping-not-response-limit=-1 | gateway.listeners.text.ping-not-response-limit | negative",
            "gateway.start-port=65535 | gateway.start-port | above 65535",
            "gateway.ping-interval=-1s | gateway.ping-interval | negative",
            "gateway.ping-not-response-limit=-1 | gateway.ping-not-response-limit | negative",
            "gateway.hold-timeout=-5s | gateway.hold-timeout | negative",
            "gateway.max-held-events-per-client=0 | gateway.max-held-events-per-client | at least 1",
            "gateway.send-to-client-buffer-size=10B | gateway.send-to-client-buffer-size | at least 1024",
            "gateway.half-close-linger=-1ms | gateway.half-close-linger | negative",
            "gateway.inner-bind-address= | gateway.inner-bind-address | blank",
            "gateway.worker.name=a:b | gateway.worker.name | no ':'",
            "gateway.worker.concurrency=0 | gateway.worker.concurrency | at least 1",
            "gateway.worker.max-pending-events=0 | gateway.worker.max-pending-events | at least 1",
            "gateway.worker.stop-timeout=-1s | gateway.worker.stop-timeout | negative",
            "gateway.worker.run-on-event-loop=true;gateway.worker.virtual-threads=true | gateway.worker.run-on-event-loop | excludes virtual threads",
            "gateway.client.query-timeout=0 | gateway.client.query-timeout | positive",
            "gateway.client.connect-timeout=-1s | gateway.client.connect-timeout | positive",
            "gateway.cluster.peer-timeout=100ms | gateway.cluster.peer-timeout | at least 400 ms",
            "gateway.cluster.peer-timeout=-1s | gateway.cluster.peer-timeout | 0 (off)",
            "gateway.event-loop-threads=-1 | gateway.event-loop-threads | negative",
            "gateway.history.groups[0].pattern=room:*;gateway.history.groups[0].size=0 | gateway.history.groups[0].size | at least 1",
            "gateway.history.uids[0].pattern=u*;gateway.history.uids[0].ttl=0 | gateway.history.uids[0].ttl | positive",
            "gateway.history.groups[0].size=5 | gateway.history.groups[0].pattern | required",
            "gateway.history.uids[0].pattern= | gateway.history.uids[0].pattern | must not be empty",
            "gateway.history.max-memory=0B | gateway.history.max-memory | positive",
            "gateway.machine-type=register,gateway;gateway.history.groups[0].pattern=room:* | gateway.history.groups | this process's memory",
            "gateway.machine-type=worker;gateway.history.uids[0].pattern=* | gateway.history.uids | machine-type is 'worker'" })
    void anInvalidValueFailsTheStartupNamingTheProperty(String setting, String property, String reason) {
        runner.withPropertyValues("gateway.listeners.text.protocol=text", "gateway.listeners.text.port=0")
                .withPropertyValues(setting.split(";")).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
                    assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason);
                    assertThat(analysis.getAction()).startsWith("Update " + property + ": ");
                });
    }

    @Test
    void twoSocketsOfTheProcessOnOnePortAreNamed() {
        runner.withPropertyValues("gateway.register.port=7001", "gateway.listeners.ws.port=7001").run(context -> {
            FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: gateway.listeners.ws.port")
                    .contains("also used by gateway.register.port");
        });
        runner.withPropertyValues("gateway.start-port=7100", "gateway.listeners.ws.port=7100").run(context -> {
            FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("gateway.start-port (inner port of gateway.listeners.ws)")
                    .contains("also used by gateway.listeners.ws.port");
        });
        // The second listener declared gets start-port + 1.
        runner.withPropertyValues("gateway.start-port=7100", "gateway.listeners.ws.port=7101",
                "gateway.listeners.text.protocol=text", "gateway.listeners.text.port=0").run(context -> {
                    FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("Property: gateway.start-port (inner port of gateway.listeners.text)")
                            .contains("also used by gateway.listeners.ws.port");
                });
    }

    @Test
    void settingsOfRolesThisProcessDoesNotRunAreNotChecked() {
        runner.withPropertyValues("gateway.machine-type=worker", "gateway.listeners.ws.port=70000").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void aRegisterPortInUseIsExplained() {
        runner.withPropertyValues("gateway.machine-type=register").run(first -> {
            int port = first.getEnvironment().getProperty("local.gateway.register.port", Integer.class);
            runner.withPropertyValues("gateway.machine-type=register", "gateway.register.port=" + port)
                    .run(second -> {
                        assertThat(second).hasFailed();
                        FailureAnalysis analysis = new RegisterBindFailureAnalyzer()
                                .analyze(second.getStartupFailure());
                        assertThat(analysis.getDescription()).contains("127.0.0.1:" + port);
                        assertThat(analysis.getAction()).contains("gateway.register.port");
                    });
        });
    }

    @Test
    void aListenerPortInUseIsExplained() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            runner.withPropertyValues("gateway.listeners.text.protocol=text", "gateway.listeners.text.port=" + port)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis = new GatewayBindFailureAnalyzer()
                                .analyze(context.getStartupFailure());
                        assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
                        assertThat(analysis.getDescription()).contains("listener 'text'")
                                .contains("client port 127.0.0.1:" + port);
                        assertThat(analysis.getAction()).contains("gateway.listeners.text.port")
                                .contains("gateway.listeners.text.host");
                    });
            runner.withPropertyValues("gateway.listeners.ws.inner-port=" + port).run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new GatewayBindFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("listener 'ws'")
                        .contains("inner port (workers and API clients connect there) 127.0.0.1:" + port);
                assertThat(analysis.getAction()).contains("gateway.listeners.ws.inner-port")
                        .contains("gateway.start-port").contains("gateway.inner-bind-address");
            });
        }
    }

    @Test
    void anEnvironmentVariableForAnUpperCaseListenerFailsTheStartup() {
        // Relaxed binding gives GATEWAY_LISTENERS_WS_HOST to a new listener "ws" (and to "WS"): two listeners.
        new ApplicationContextRunner()
                .withInitializer(new GatewayPortInfoApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(GatewayAutoConfiguration.class,
                        GatewayRegisterAutoConfiguration.class, GatewayServerAutoConfiguration.class))
                .withPropertyValues("gateway.machine-type=register,gateway", "gateway.register.port=0",
                        "gateway.start-port=0", "gateway.listeners.WS.port=0")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-" + SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("GATEWAY_LISTENERS_WS_HOST", "127.0.0.1"))))
                .run(context -> {
                    FailureAnalysis analysis = new InvalidGatewayPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
                    assertThat(analysis.getDescription()).contains("same name in another case");
                    assertThat(analysis.getAction()).contains("lower-case name ('ws')");
                });
    }

    @Test
    void theFailureAnalyzersAreRegistered() {
        // Analyzers of other modules need the bean factory as a constructor argument: skip them.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.logging(
                        LogFactory.getLog(getClass())));
        assertThat(analyzers).hasAtLeastOneElementOfType(InvalidGatewayPropertyFailureAnalyzer.class)
                .hasAtLeastOneElementOfType(RegisterBindFailureAnalyzer.class)
                .hasAtLeastOneElementOfType(GatewayBindFailureAnalyzer.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyIsDocumentedInTheMetadata() throws Exception {
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            Map<String, Object> metadata;
            try (InputStream in = url.openStream()) {
                metadata = JsonMapper.shared().readValue(in, Map.class);
            }
            List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
            if (properties.stream().noneMatch(p -> "gateway.machine-type".equals(p.get("name")))) {
                continue;
            }
            assertThat(properties).filteredOn(p -> ((String) p.get("name")).startsWith("gateway."))
                    .hasSizeGreaterThan(20)
                    .allSatisfy(p -> assertThat((String) p.get("description")).as("%s", p.get("name")).isNotBlank());
            assertThat(properties).filteredOn(p -> "gateway.machine-type".equals(p.get("name")))
                    .singleElement().satisfies(p -> assertThat(p.get("defaultValue")).isEqualTo("all"));
            return;
        }
        throw new AssertionError("no metadata for gateway.* properties on the classpath");
    }
}
