package org.jgateway.samples.reference.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jgateway.autoconfigure.GatewayProperties;
import org.jgateway.autoconfigure.GatewayPropertyNames;
import org.jgateway.samples.reference.RepositoryRoot;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The configuration a container of deploy/ gives the reference app: its environment variables over the app's
 * {@code application.yml}, bound as Spring Boot binds them (relaxed names, placeholders, conversions).
 */
final class ContainerConfiguration {

    /** The configuration file of the application the images of deploy/ run. */
    static final Path APPLICATION_YML = RepositoryRoot.find()
            .resolve("samples/reference-app/src/main/resources/application.yml");

    /** Spring Boot's default {@code server.port}. */
    private static final int DEFAULT_SERVER_PORT = 8080;

    private static final GatewayPropertyNames PROPERTIES =
            GatewayPropertyNames.load(ContainerConfiguration.class.getClassLoader());

    private final Map<String, String> environment;

    private final Binder binder;

    ContainerConfiguration(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(systemEnvironment(environment));
        try {
            for (PropertySource<?> file : new YamlPropertySourceLoader().load("application.yml",
                    new FileSystemResource(APPLICATION_YML))) {
                sources.addLast(file);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources), ApplicationConversionService.getSharedInstance());
    }

    /** The {@code gateway.*} properties the application binds. */
    GatewayProperties gateway() {
        return binder.bindOrCreate("gateway", GatewayProperties.class);
    }

    /** Any other property, as its type. */
    <T> T property(String name, Class<T> type, T otherwise) {
        return binder.bind(name, Bindable.of(type)).orElse(otherwise);
    }

    int serverPort() {
        return property("server.port", Integer.class, DEFAULT_SERVER_PORT);
    }

    /** The roles of {@code gateway.machine-type}: register, gateway, worker. */
    Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : gateway().getMachineType().split(",")) {
            if (role.strip().equals("all")) {
                roles.addAll(List.of("register", "gateway", "worker"));
            } else if (!role.isBlank()) {
                roles.add(role.strip());
            }
        }
        return roles;
    }

    /** Every port the process listens on: HTTP, the register's, each listener's client and inner port. */
    Set<Integer> listeningPorts() {
        GatewayProperties gateway = gateway();
        Set<Integer> ports = new LinkedHashSet<>(List.of(serverPort()));
        if (roles().contains("register")) {
            ports.add(gateway.getRegister().getPort());
        }
        if (roles().contains("gateway")) {
            int index = 0;
            for (GatewayProperties.Listener listener : gateway.getListeners().values()) {
                ports.add(listener.getPort());
                ports.add(listener.getInnerPort() != null ? listener.getInnerPort() : gateway.getStartPort() + index);
                index++;
            }
        }
        return ports;
    }

    /**
     * The {@code GATEWAY_*} environment variables through which Spring Boot's binding finds no property of the
     * configuration metadata (it looks {@code gateway.lan-ip} up as {@code GATEWAY_LANIP}), unless application.yml
     * reads them through a placeholder ({@code ${GATEWAY_SECRET_KEY:}}).
     */
    List<String> unknownGatewayVariables() {
        String applicationYml;
        try {
            applicationYml = Files.readString(APPLICATION_YML);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<String> unknown = new ArrayList<>();
        for (String variable : environment.keySet()) {
            if (variable.startsWith("GATEWAY_") && !applicationYml.contains("${" + variable)
                    && !setsAProperty(variable)) {
                unknown.add(variable);
            }
        }
        return unknown;
    }

    private static boolean setsAProperty(String variable) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(systemEnvironment(Map.of(variable, "x")));
        String[] words = variable.split("_");
        String listener = variable.startsWith("GATEWAY_LISTENERS_") && words.length > 2
                ? words[2].toLowerCase(Locale.ROOT) : null;
        // A listener setting is a candidate only under the listener the variable names.
        return PROPERTIES.all().stream().filter(name -> listener != null || !name.contains(".NAME."))
                .map(name -> listener == null ? name : name.replace(".NAME.", "." + listener + "."))
                .map(ConfigurationPropertyName::of)
                .anyMatch(name -> source.getConfigurationProperty(name) != null);
    }

    private static SystemEnvironmentPropertySource systemEnvironment(Map<String, String> environment) {
        return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<>(environment));
    }
}
