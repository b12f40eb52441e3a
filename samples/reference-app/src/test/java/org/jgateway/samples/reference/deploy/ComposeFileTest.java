package org.jgateway.samples.reference.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jgateway.samples.reference.deploy.YamlTree.list;
import static org.jgateway.samples.reference.deploy.YamlTree.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.samples.reference.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/docker/compose.yaml: a master (register and gateway) and two workers of the image deploy/docker/Dockerfile
 * builds; compose.redis.yaml: a gateway, two workers and a Redis, on the redis engine. Every {@code GATEWAY_*}
 * variable sets a property of the configuration metadata, every published port is one the service's configuration
 * listens on, the gateway advertises its address on the Compose network, and the workers find it: through the
 * master's register, or through the Redis service.
 */
class ComposeFileTest {

    private static final Path ROOT = RepositoryRoot.find();

    private static final Path COMPOSE = ROOT.resolve("deploy/docker/compose.yaml");

    private static final Path COMPOSE_REDIS = ROOT.resolve("deploy/docker/compose.redis.yaml");

    /** The services of each file; those with a {@code build} run the image, the others are off-the-shelf images. */
    private static final Map<String, List<String>> SERVICES = Map.of(
            "compose.yaml", List.of("master", "worker-1", "worker-2"),
            "compose.redis.yaml", List.of("redis", "gateway", "worker-1", "worker-2"));

    /** Compose's interpolation with a default: {@code ${NAME:-default}}. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");
    /** {@code ${NAME:?message}}: Compose refuses to start unless the shell sets NAME; the test sets it. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]*}");

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.redis.yaml"})
    void theServicesSetKnownPropertiesAndPublishPortsTheyListenOn(String file) throws IOException {
        Path path = COMPOSE.resolveSibling(file);
        Map<String, Object> services = map(compose(path).get("services"));
        assertThat(services).containsOnlyKeys(SERVICES.get(file));
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Object> entry : applicationServices(services).entrySet()) {
            Map<String, Object> service = map(entry.getValue());
            String where = entry.getKey() + ": ";
            ContainerConfiguration configuration = new ContainerConfiguration(environment(service));
            configuration.unknownGatewayVariables().forEach(variable -> errors.add(where + variable
                    + " sets no property of the configuration metadata"));
            for (Object published : list(service.get("ports"))) {
                String mapping = String.valueOf(published);
                int containerPort = Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
                if (!configuration.listeningPorts().contains(containerPort)) {
                    errors.add(where + "publishes " + mapping + ", its configuration listens on "
                            + configuration.listeningPorts());
                }
            }
            Map<String, Object> build = map(service.get("build"));
            Path dockerfile = path.getParent().resolve(String.valueOf(build.get("context")))
                    .resolve(String.valueOf(build.get("dockerfile"))).normalize();
            if (!dockerfile.equals(ROOT.resolve("deploy/docker/Dockerfile"))) {
                errors.add(where + "builds from " + dockerfile);
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theMasterAdvertisesItsNetworkAddressAndTheWorkersFindItsRegister() throws IOException {
        Map<String, Object> compose = compose(COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        ContainerConfiguration masterConfiguration = reachableGateway(compose, "master");
        assertThat(masterConfiguration.roles()).containsExactlyInAnyOrder("register", "gateway");
        GatewayProperties gateway = masterConfiguration.gateway();
        assertThat(gateway.getCluster().getEngine()).isEqualTo(GatewayProperties.Engine.REGISTER);
        assertThat(gateway.getRegister().getHost()).isEqualTo("0.0.0.0");

        for (String name : List.of("worker-1", "worker-2")) {
            ContainerConfiguration worker = new ContainerConfiguration(environment(map(services.get(name))));
            assertThat(worker.roles()).as(name).containsExactly("worker");
            assertThat(worker.gateway().getRegisterAddress()).as(name)
                    .containsExactly("master:" + gateway.getRegister().getPort());
            assertThat(worker.property("server.address", String.class, "")).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void onTheRedisEngineNoRegisterRunsAndEveryProcessUsesTheRedisService() throws IOException {
        Map<String, Object> compose = compose(COMPOSE_REDIS);
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> redis = map(services.get("redis"));
        assertThat(String.valueOf(redis.get("image"))).startsWith("redis:7");
        // The engine's state is rebuilt by the gateways after a restart, never read back from disk.
        assertThat(list(redis.get("command")).stream().map(String::valueOf).toList())
                .containsSubsequence("--save", "").containsSubsequence("--appendonly", "no");

        ContainerConfiguration gateway = reachableGateway(compose, "gateway");
        assertThat(gateway.roles()).containsExactly("gateway");
        for (Map.Entry<String, Object> entry : applicationServices(services).entrySet()) {
            Map<String, Object> service = map(entry.getValue());
            ContainerConfiguration configuration = new ContainerConfiguration(environment(service));
            assertThat(configuration.roles()).as(entry.getKey()).doesNotContain("register");
            assertThat(configuration.gateway().getCluster().getEngine()).as(entry.getKey())
                    .isEqualTo(GatewayProperties.Engine.REDIS);
            assertThat(configuration.property("spring.data.redis.host", String.class, "localhost"))
                    .as(entry.getKey()).isEqualTo("redis");
            assertThat(list(service.get("depends_on"))).as(entry.getKey()).contains("redis");
        }
        for (String name : List.of("worker-1", "worker-2")) {
            ContainerConfiguration worker = new ContainerConfiguration(environment(map(services.get(name))));
            assertThat(worker.roles()).as(name).containsExactly("worker");
            assertThat(worker.property("server.address", String.class, "")).isEqualTo("0.0.0.0");
        }
    }

    /** The register and inner ports listen on the Docker network: protected mode needs the secret set. */
    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "compose.redis.yaml"})
    void everyServiceRequiresTheSecret(String file) throws IOException {
        Map<String, Object> services = map(compose(COMPOSE.resolveSibling(file)).get("services"));
        applicationServices(services).forEach((name, service) -> assertThat(String.valueOf(map(map(service)
                .get("environment")).get("GATEWAY_SECRET_KEY"))).as(name).matches("\\$\\{GATEWAY_SECRET_KEY:\\?.+}"));
    }

    /**
     * The configuration of the service {@code name}, a gateway that advertises its fixed address on the Compose
     * network and listens on every interface of its container; protected mode makes it require the secret.
     */
    private static ContainerConfiguration reachableGateway(Map<String, Object> compose, String name) {
        Map<String, Object> service = map(map(compose.get("services")).get(name));
        ContainerConfiguration configuration = new ContainerConfiguration(environment(service));
        GatewayProperties gateway = configuration.gateway();
        String address = String.valueOf(map(map(service.get("networks")).get("cluster")).get("ipv4_address"));
        assertThat(gateway.getLanIp()).isEqualTo(address);
        Map<String, Object> ipam = map(map(map(map(compose.get("networks")).get("cluster")).get("ipam")));
        String subnet = String.valueOf(map(list(ipam.get("config")).get(0)).get("subnet"));
        assertThat(address).startsWith(subnet.substring(0, subnet.lastIndexOf('.') + 1));
        assertThat(gateway.getInnerBindAddress()).isEqualTo("0.0.0.0");
        assertThat(gateway.getSecretKey()).isEqualTo("set-by-the-shell");
        gateway.getListeners().values().forEach(listener -> assertThat(listener.getHost()).isEqualTo("0.0.0.0"));
        return configuration;
    }

    /** The services that run the image built from deploy/docker/Dockerfile. */
    private static Map<String, Object> applicationServices(Map<String, Object> services) {
        Map<String, Object> built = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (map(service).containsKey("build")) {
                built.put(name, service);
            }
        });
        return built;
    }

    /**
     * The service's environment, Compose's {@code ${NAME:-default}} replaced by its default and a required
     * {@code ${NAME:?message}} by a value the shell would set.
     */
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service.get("environment")).forEach((name, value) -> {
            String required = REQUIRED.matcher(String.valueOf(value)).replaceAll("set-by-the-shell");
            Matcher interpolation = INTERPOLATION.matcher(required);
            environment.put(name, interpolation.replaceAll(match -> Matcher.quoteReplacement(match.group(1))));
        });
        return environment;
    }

    private static Map<String, Object> compose(Path file) throws IOException {
        List<Object> documents = YamlTree.loadAll(file);
        assertThat(documents).hasSize(1);
        return map(documents.get(0));
    }
}
