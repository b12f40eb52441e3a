package org.jgateway.samples.reference.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.jgateway.samples.reference.deploy.YamlTree.map;
import static org.jgateway.samples.reference.deploy.YamlTree.maps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.samples.reference.ReferenceApplication;
import org.jgateway.samples.reference.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The manifests of deploy/kubernetes (register engine) and of deploy/kubernetes/redis with the budgets of
 * deploy/kubernetes (redis engine): every {@code GATEWAY_*} variable sets a property of the configuration metadata
 * (as Spring Boot looks properties up in the environment), every container declares exactly the ports its
 * configuration listens on and binds them on every interface, each gateway pod advertises its own pod IP, Services,
 * budgets, the register address and the Redis host reach pods and ports that exist, the probes and the Prometheus
 * annotations name what the app serves, the redis manifests are the register ones with the engine in place of the
 * register, and the reference app started with the register's environment answers its probes.
 */
class KubernetesManifestsTest {

    private static final Path DIRECTORY = RepositoryRoot.find().resolve("deploy/kubernetes");

    /** The redis engine's manifests, applied with the budgets of the register engine's directory. */
    private static final Path REDIS_DIRECTORY = DIRECTORY.resolve("redis");

    private static final String APP_IMAGE = "jgateway-reference-app:0.1.0";

    /** The register address of the register engine's pods, and what the redis engine's pods set instead. */
    private static final String REGISTER_ADDRESS = "GATEWAY_REGISTERADDRESS";

    private static final List<String> REDIS_ENGINE_VARIABLES = List.of("GATEWAY_CLUSTER_ENGINE",
            "SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PASSWORD");

    /** What the downward API's status.podIP gives a pod in this test. */
    private static final String POD_IP = "10.244.1.7";

    private static final String READINESS = "/actuator/health/readiness";

    private static final String LIVENESS = "/actuator/health/liveness";

    @ParameterizedTest
    @ValueSource(strings = {"register", "redis"})
    void everyContainerSetsKnownPropertiesAndDeclaresThePortsItListensOn(String engine) throws IOException {
        List<String> errors = new ArrayList<>();
        List<Workload> workloads = workloads(engine);
        assertThat(workloads).extracting(Workload::kind, Workload::name).containsExactlyInAnyOrder(
                tuple("Deployment", engine.equals("redis") ? "jgateway-redis" : "jgateway-register"),
                tuple("StatefulSet", "jgateway-gateway"), tuple("Deployment", "jgateway-worker"));
        for (Workload workload : workloads) {
            for (Map<String, Object> container : workload.appContainers()) {
                String where = workload.name() + "/" + container.get("name") + ": ";
                ContainerConfiguration configuration = new ContainerConfiguration(environment(container));
                configuration.unknownGatewayVariables().forEach(variable -> errors.add(where + variable
                        + " sets no property of the configuration metadata"));
                Set<Integer> declared = Set.copyOf(containerPorts(container).values());
                if (!declared.equals(configuration.listeningPorts())) {
                    errors.add(where + "declares the ports " + declared + ", its configuration listens on "
                            + configuration.listeningPorts());
                }
                errors.addAll(unreachableBindings(where, configuration));
                errors.addAll(probeProblems(where, container, configuration));
                Map<String, Object> annotations = map(map(workload.template().get("metadata")).get("annotations"));
                if (!"true".equals(annotations.get("prometheus.io/scrape"))
                        || !"/actuator/prometheus".equals(annotations.get("prometheus.io/path"))
                        || !String.valueOf(configuration.serverPort()).equals(annotations.get("prometheus.io/port"))) {
                    errors.add(where + "the Prometheus annotations do not name /actuator/prometheus on port "
                            + configuration.serverPort() + ": " + annotations);
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"register", "redis"})
    void eachGatewayPodAdvertisesItsPodIp(String engine) throws IOException {
        Workload gateways = workloads(engine).stream().filter(w -> w.name().equals("jgateway-gateway")).findFirst()
                .orElseThrow();
        // A stable name per pod and a rolling replacement one pod at a time.
        assertThat(gateways.kind()).isEqualTo("StatefulSet");
        for (Map<String, Object> container : gateways.containers()) {
            ContainerConfiguration configuration = new ContainerConfiguration(environment(container));
            assertThat(configuration.roles()).contains("gateway");
            GatewayProperties gateway = configuration.gateway();
            assertThat(gateway.getLanIp()).as("gateway.lan-ip of " + container.get("name")).isEqualTo(POD_IP);
            assertThat(gateway.getInnerBindAddress()).isEqualTo("0.0.0.0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"register", "redis"})
    void servicesAndBudgetsReachPodsAndPortsThatExist(String engine) throws IOException {
        List<Workload> workloads = workloads(engine);
        List<String> errors = new ArrayList<>();
        Map<String, Map<String, Object>> services = services(engine);
        for (Map<String, Object> document : documents(engine)) {
            String name = String.valueOf(map(document.get("metadata")).get("name"));
            Map<String, Object> spec = map(document.get("spec"));
            if ("Service".equals(document.get("kind"))) {
                List<Workload> selected = selected(workloads, map(spec.get("selector")));
                if (selected.size() != 1) {
                    errors.add("Service " + name + " selects " + selected.size() + " workloads");
                    continue;
                }
                for (Map<String, Object> port : maps(spec.get("ports"))) {
                    Integer target = targetPort(selected.get(0), port.getOrDefault("targetPort", port.get("port")));
                    // Inner and register ports are dialled at the number the pods announce: no translation.
                    if (target == null || !target.equals(port.get("port"))) {
                        errors.add("Service " + name + " port " + port + " is not a container port of the same number");
                    }
                }
            } else if ("PodDisruptionBudget".equals(document.get("kind"))) {
                List<Workload> selected = selected(workloads, map(map(spec.get("selector")).get("matchLabels")));
                if (selected.size() != 1) {
                    errors.add("PodDisruptionBudget " + name + " selects " + selected.size() + " workloads");
                }
            }
        }
        assertThat(services).containsKeys(engine.equals("redis") ? "jgateway-redis" : "jgateway-register",
                "jgateway-gateway", "jgateway-public");
        int budgets = 0;
        for (Map<String, Object> document : documents(engine)) {
            budgets += "PodDisruptionBudget".equals(document.get("kind")) ? 1 : 0;
        }
        assertThat(budgets).isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void theRegisterAddressesAreServicesOfARegister() throws IOException {
        List<Workload> workloads = workloads("register");
        Map<String, Map<String, Object>> services = services("register");
        List<String> errors = new ArrayList<>();
        for (Workload workload : workloads) {
            for (Map<String, Object> container : workload.appContainers()) {
                ContainerConfiguration configuration = new ContainerConfiguration(environment(container));
                if (configuration.roles().contains("register")) {
                    continue;
                }
                assertThat(configuration.gateway().getRegisterAddress()).as(workload.name()).isNotEmpty();
                for (String address : configuration.gateway().getRegisterAddress()) {
                    String host = address.substring(0, address.lastIndexOf(':'));
                    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                    Map<String, Object> service = services.get(host);
                    List<Workload> registers = service == null ? List.of()
                            : selected(workloads, map(service.get("selector")));
                    boolean served = registers.stream().flatMap(w -> w.containers().stream())
                            .map(c -> new ContainerConfiguration(environment(c)))
                            .anyMatch(c -> c.roles().contains("register") && c.gateway().getRegister().getPort() == port);
                    if (!served) {
                        errors.add(workload.name() + ": register address " + address + " is no Service of a register");
                    }
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    /** Every process of the redis engine finds the Redis Service, with the password the Redis pod requires. */
    @Test
    void theRedisHostIsTheServiceOfTheRedisPod() throws IOException {
        List<Workload> workloads = workloads("redis");
        Map<String, Map<String, Object>> services = services("redis");
        Workload redis = workloads.stream().filter(w -> w.name().equals("jgateway-redis")).findFirst().orElseThrow();
        Map<String, Object> redisContainer = redis.containers().get(0);
        assertThat(redisContainer.get("image")).isEqualTo("redis:7");
        assertThat(environment(redisContainer)).containsEntry("REDIS_PASSWORD", "secret-redis-password");
        assertThat(YamlTree.list(redisContainer.get("args"))).containsSubsequence("--requirepass", "$(REDIS_PASSWORD)")
                .containsSubsequence("--save", "");
        for (Workload workload : workloads) {
            for (Map<String, Object> container : workload.appContainers()) {
                ContainerConfiguration configuration = new ContainerConfiguration(environment(container));
                assertThat(configuration.roles()).as(workload.name()).doesNotContain("register");
                assertThat(configuration.gateway().getCluster().getEngine()).as(workload.name())
                        .isEqualTo(GatewayProperties.Engine.REDIS);
                assertThat(configuration.property("spring.data.redis.password", String.class, null))
                        .as(workload.name()).isEqualTo("secret-redis-password");
                String host = configuration.property("spring.data.redis.host", String.class, "localhost");
                int port = configuration.property("spring.data.redis.port", Integer.class, 6379);
                Map<String, Object> service = services.get(host);
                assertThat(service).as(workload.name() + ": spring.data.redis.host " + host).isNotNull();
                assertThat(selected(workloads, map(service.get("selector")))).containsExactly(redis);
                assertThat(targetPort(redis, maps(service.get("ports")).stream()
                        .filter(p -> Integer.valueOf(port).equals(p.get("port"))).findFirst()
                        .map(p -> p.get("targetPort")).orElse(null))).as(workload.name()).isEqualTo(6379);
            }
        }
    }

    /**
     * The gateways and workers of the redis engine are those of the register engine, with its register address
     * replaced by the engine and the Redis connection: a change to one directory that is not made to the other fails
     * here.
     */
    @Test
    void theRedisManifestsAreTheRegisterOnesWithTheEngineInPlaceOfTheRegister() throws IOException {
        Map<String, Map<String, Object>> registerObjects = objects(DIRECTORY);
        for (Map.Entry<String, Map<String, Object>> entry : objects(REDIS_DIRECTORY).entrySet()) {
            if (entry.getKey().endsWith("/jgateway-redis")) {
                continue;
            }
            Map<String, Object> redis = entry.getValue();
            Map<String, Object> register = registerObjects.get(entry.getKey());
            assertThat(register).as(entry.getKey() + " exists in deploy/kubernetes").isNotNull();
            if (map(redis.get("spec")).containsKey("template")) {
                List<Object> redisEnv = env(redis);
                List<Object> registerEnv = env(register);
                List<String> expected = new ArrayList<>(names(registerEnv));
                assertThat(expected).contains(REGISTER_ADDRESS);
                expected.addAll(expected.indexOf(REGISTER_ADDRESS), REDIS_ENGINE_VARIABLES);
                expected.remove(REGISTER_ADDRESS);
                assertThat(names(redisEnv)).as(entry.getKey()).isEqualTo(expected);
                // The rest of the objects must be equal: drop the differences checked above.
                redisEnv.removeIf(v -> REDIS_ENGINE_VARIABLES.contains(String.valueOf(map(v).get("name"))));
                registerEnv.removeIf(v -> REGISTER_ADDRESS.equals(map(v).get("name")));
            }
            assertThat(redis).as(entry.getKey()).isEqualTo(register);
        }
    }

    @Test
    void theReferenceAppAnswersTheProbesWithTheRegistersEnvironment() throws Exception {
        Workload register = workloads("register").stream().filter(w -> w.name().equals("jgateway-register")).findFirst()
                .orElseThrow();
        Map<String, Object> container = register.containers().get(0);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(environment(container))));
        // Loopback and ephemeral ports on a shared test machine; everything else as in the pod.
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("server.port", "0",
                "server.address", "127.0.0.1", "gateway.register.port", "0", "gateway.register.host", "127.0.0.1")));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReferenceApplication.class)
                .environment(environment).run()) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            for (Map<String, Object> probe : probes(container)) {
                String path = String.valueOf(map(probe.get("httpGet")).get("path"));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
                assertThat(response.body()).as(path).contains("\"UP\"");
            }
        }
    }

    private static List<String> unreachableBindings(String where, ContainerConfiguration configuration) {
        List<String> errors = new ArrayList<>();
        GatewayProperties gateway = configuration.gateway();
        if (!"0.0.0.0".equals(configuration.property("server.address", String.class, "0.0.0.0"))) {
            errors.add(where + "server.address is not every interface: the kubelet and Prometheus could not reach it");
        }
        if (configuration.roles().contains("register") && !gateway.getRegister().getHost().equals("0.0.0.0")) {
            errors.add(where + "gateway.register.host is " + gateway.getRegister().getHost() + ": other pods cannot dial it");
        }
        if (configuration.roles().contains("gateway")) {
            if (!"0.0.0.0".equals(gateway.getInnerBindAddress())) {
                errors.add(where + "gateway.inner-bind-address is " + gateway.getInnerBindAddress());
            }
            gateway.getListeners().forEach((name, listener) -> {
                if (!listener.getHost().equals("0.0.0.0")) {
                    errors.add(where + "gateway.listeners." + name + ".host is " + listener.getHost());
                }
            });
        }
        return errors;
    }

    private static List<String> probeProblems(String where, Map<String, Object> container,
            ContainerConfiguration configuration) {
        List<String> errors = new ArrayList<>();
        if (!configuration.property("management.endpoint.health.probes.enabled", Boolean.class, false)) {
            errors.add(where + "management.endpoint.health.probes.enabled is not true");
        }
        String readinessGroup = configuration.property("management.endpoint.health.group.readiness.include",
                String.class, "");
        if (!List.of(readinessGroup.split(",")).containsAll(List.of("readinessState", "gateway"))) {
            errors.add(where + "the readiness group does not include readinessState and the gateway component");
        }
        Map<String, Integer> ports = containerPorts(container);
        for (String kind : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> httpGet = map(map(container.get(kind)).get("httpGet"));
            String path = String.valueOf(httpGet.get("path"));
            if (!path.equals(kind.equals("readinessProbe") ? READINESS : LIVENESS)) {
                errors.add(where + kind + " asks " + path);
            }
            Object port = httpGet.get("port");
            Integer number = port instanceof Integer n ? n : ports.get(String.valueOf(port));
            if (number == null || number != configuration.serverPort()) {
                errors.add(where + kind + " asks port " + port + ", the HTTP port is " + configuration.serverPort());
            }
        }
        return errors;
    }

    private static List<Map<String, Object>> probes(Map<String, Object> container) {
        return Stream.of("readinessProbe", "livenessProbe", "startupProbe").map(container::get)
                .map(YamlTree::map).toList();
    }

    /** The container's environment, valueFrom entries as the kubelet would fill them. */
    private static Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> variable : maps(container.get("env"))) {
            String name = String.valueOf(variable.get("name"));
            Map<String, Object> from = map(variable.get("valueFrom"));
            if (from.containsKey("fieldRef")) {
                String field = String.valueOf(map(from.get("fieldRef")).get("fieldPath"));
                assertThat(field).as(name).isEqualTo("status.podIP");
                environment.put(name, POD_IP);
            } else if (from.containsKey("secretKeyRef")) {
                environment.put(name, "secret-" + map(from.get("secretKeyRef")).get("key"));
            } else {
                environment.put(name, String.valueOf(variable.get("value")));
            }
        }
        return environment;
    }

    /** The container ports by name. */
    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : maps(container.get("ports"))) {
            ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
        }
        return ports;
    }

    private static Integer targetPort(Workload workload, Object target) {
        for (Map<String, Object> container : workload.containers()) {
            Map<String, Integer> ports = containerPorts(container);
            if (target instanceof Integer number && ports.containsValue(number)) {
                return number;
            }
            if (ports.containsKey(String.valueOf(target))) {
                return ports.get(String.valueOf(target));
            }
        }
        return null;
    }

    private static List<Workload> selected(List<Workload> workloads, Map<String, Object> labels) {
        return workloads.stream().filter(w -> !labels.isEmpty()
                && map(map(w.template().get("metadata")).get("labels")).entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    private static List<String> names(List<Object> env) {
        return env.stream().map(variable -> String.valueOf(map(variable).get("name"))).toList();
    }

    /** The environment of a workload's (only) container, as the parsed document holds it (modifiable). */
    private static List<Object> env(Map<String, Object> workload) {
        Map<String, Object> podSpec = map(map(map(workload.get("spec")).get("template")).get("spec"));
        List<Object> containers = YamlTree.list(podSpec.get("containers"));
        assertThat(containers).hasSize(1);
        return YamlTree.list(map(containers.get(0)).get("env"));
    }

    private static Map<String, Map<String, Object>> services(String engine) throws IOException {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        for (Map<String, Object> document : documents(engine)) {
            if ("Service".equals(document.get("kind"))) {
                services.put(String.valueOf(map(document.get("metadata")).get("name")), map(document.get("spec")));
            }
        }
        return services;
    }

    private static List<Workload> workloads(String engine) throws IOException {
        List<Workload> workloads = new ArrayList<>();
        for (Map<String, Object> document : documents(engine)) {
            Object kind = document.get("kind");
            if ("Deployment".equals(kind) || "StatefulSet".equals(kind)) {
                Map<String, Object> spec = map(document.get("spec"));
                assertThat(map(spec.get("selector")).get("matchLabels"))
                        .isEqualTo(map(map(spec.get("template")).get("metadata")).get("labels"));
                workloads.add(new Workload(String.valueOf(kind), String.valueOf(map(document.get("metadata")).get("name")),
                        map(spec.get("template"))));
            }
        }
        return workloads;
    }

    /** What is applied for the engine: deploy/kubernetes, or deploy/kubernetes/redis and the budgets. */
    private static List<Map<String, Object>> documents(String engine) throws IOException {
        if (engine.equals("register")) {
            return documents(yamlFiles(DIRECTORY));
        }
        List<Path> files = new ArrayList<>(yamlFiles(REDIS_DIRECTORY));
        files.add(DIRECTORY.resolve("pod-disruption-budgets.yaml"));
        return documents(files);
    }

    /** The objects of one directory by {@code kind/name}. */
    private static Map<String, Map<String, Object>> objects(Path directory) throws IOException {
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        for (Map<String, Object> document : documents(yamlFiles(directory))) {
            objects.put(document.get("kind") + "/" + map(document.get("metadata")).get("name"), document);
        }
        return objects;
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Map<String, Object>> documents(List<Path> files) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            for (Object document : YamlTree.loadAll(file)) {
                assertThat(document).as(file + " holds Kubernetes objects").isInstanceOf(Map.class);
                documents.add(map(document));
            }
        }
        return documents;
    }

    /** A Deployment or StatefulSet: its pod template. */
    private record Workload(String kind, String name, Map<String, Object> template) {

        List<Map<String, Object>> containers() {
            return maps(map(template.get("spec")).get("containers"));
        }

        /** The containers that run the reference app's image (not the Redis of the redis engine). */
        List<Map<String, Object>> appContainers() {
            return containers().stream().filter(container -> APP_IMAGE.equals(container.get("image"))).toList();
        }
    }
}
