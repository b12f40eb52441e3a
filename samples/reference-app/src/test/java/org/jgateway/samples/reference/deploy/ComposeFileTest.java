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

/**
 * deploy/docker/compose.yaml: a master (register and gateway) and two workers of the image deploy/docker/Dockerfile
 * builds. Every {@code GATEWAY_*} variable sets a property of the configuration metadata, every published port is
 * one the service's configuration listens on, the master advertises its address on the Compose network, and the
 * workers' register address is the master's register.
 */
class ComposeFileTest {

    private static final Path ROOT = RepositoryRoot.find();

    private static final Path COMPOSE = ROOT.resolve("deploy/docker/compose.yaml");

    /** Compose's interpolation with a default: {@code ${NAME:-default}}. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");
    /** {@code ${NAME:?message}}: Compose refuses to start unless the shell sets NAME; the test sets it. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]*}");

    @Test
    void theServicesSetKnownPropertiesAndPublishPortsTheyListenOn() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services).containsOnlyKeys("master", "worker-1", "worker-2");
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Object> entry : services.entrySet()) {
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
            Path dockerfile = COMPOSE.getParent().resolve(String.valueOf(build.get("context")))
                    .resolve(String.valueOf(build.get("dockerfile"))).normalize();
            if (!dockerfile.equals(ROOT.resolve("deploy/docker/Dockerfile"))) {
                errors.add(where + "builds from " + dockerfile);
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theMasterAdvertisesItsNetworkAddressAndTheWorkersFindItsRegister() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> master = map(services.get("master"));
        ContainerConfiguration masterConfiguration = new ContainerConfiguration(environment(master));
        assertThat(masterConfiguration.roles()).containsExactlyInAnyOrder("register", "gateway");
        GatewayProperties gateway = masterConfiguration.gateway();
        String address = String.valueOf(map(map(master.get("networks")).get("cluster")).get("ipv4_address"));
        assertThat(gateway.getLanIp()).isEqualTo(address);
        Map<String, Object> ipam = map(map(map(map(compose().get("networks")).get("cluster")).get("ipam")));
        String subnet = String.valueOf(map(list(ipam.get("config")).get(0)).get("subnet"));
        assertThat(address).startsWith(subnet.substring(0, subnet.lastIndexOf('.') + 1));
        assertThat(gateway.getInnerBindAddress()).isEqualTo("0.0.0.0");
        assertThat(gateway.getRegister().getHost()).isEqualTo("0.0.0.0");
        // Protected mode: a register and inner ports on the Docker network need the secret.
        assertThat(gateway.getSecretKey()).isEqualTo("set-by-the-shell");
        gateway.getListeners().values().forEach(listener -> assertThat(listener.getHost()).isEqualTo("0.0.0.0"));

        for (String name : List.of("worker-1", "worker-2")) {
            ContainerConfiguration worker = new ContainerConfiguration(environment(map(services.get(name))));
            assertThat(worker.roles()).as(name).containsExactly("worker");
            assertThat(worker.gateway().getRegisterAddress()).as(name)
                    .containsExactly("master:" + gateway.getRegister().getPort());
            assertThat(worker.property("server.address", String.class, "")).isEqualTo("0.0.0.0");
        }
    }

    /** The register and inner ports listen on the Docker network: protected mode needs the secret set. */
    @Test
    void everyServiceRequiresTheSecret() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        services.forEach((name, service) -> assertThat(String.valueOf(map(map(service).get("environment"))
                .get("GATEWAY_SECRET_KEY"))).as(name).matches("\\$\\{GATEWAY_SECRET_KEY:\\?.+}"));
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

    private static Map<String, Object> compose() throws IOException {
        List<Object> documents = YamlTree.loadAll(COMPOSE);
        assertThat(documents).hasSize(1);
        return map(documents.get(0));
    }
}
