package org.jgateway.samples.reference.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgateway.autoconfigure.GatewayPropertyNames;
import org.jgateway.samples.reference.RepositoryRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the documentation true: the Markdown of docs/, README.md, benchmarks/ and samples/, and the samples'
 * application*.yml / .properties files. Every {@code gateway.*} property name they use (in prose, in YAML and
 * properties blocks, in keys and placeholders) exists in the generated configuration metadata; every relative link
 * resolves to a file of the repository (and to a heading, for an anchor), and no link leaves it; every meter name
 * they mention is one the reference app registers, and docs/metrics.md lists every meter it registers. Each failure
 * names the file and line. The Grafana dashboard of deploy/grafana queries only meters the reference app exposes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "gateway.register.port=0",
        "gateway.listeners.websocket.port=0", "gateway.listeners.websocket.inner-port=0",
        "gateway.listeners.text.port=0", "gateway.listeners.text.inner-port=0"})
class DocumentationTest {

    /** A dotted gateway name: a property, a property prefix, or a Micrometer meter name. */
    private static final Pattern DOTTED_NAME = Pattern.compile("(?<![A-Za-z0-9_.])gateway(?:\\.[A-Za-z0-9_\\-\\[\\]*]+)+");

    /** A Prometheus name of a JGateway meter. */
    private static final Pattern PROMETHEUS_NAME = Pattern.compile("(?<![A-Za-z0-9_])gateway_[a-z0-9_]+");

    /** Wrong names the documentation shows on purpose: the typos whose startup warning it explains. */
    private static final Set<String> SHOWN_AS_WRONG = Set.of("gateway.listners", "gateway.listners.ws.port",
            "gateway.secret.key");

    /** GatewayWorker protocol words that look like Prometheus names: register events and header fields. */
    private static final Set<String> PROTOCOL_WORDS = Set.of("gateway_connect", "gateway_port");

    private static final ConfigurationPropertyName LISTENERS = ConfigurationPropertyName.of("gateway.listeners");

    private static final Path ROOT = RepositoryRoot.find();

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int httpPort;

    private final GatewayPropertyNames properties = GatewayPropertyNames.load(getClass().getClassLoader());

    private final Set<ConfigurationPropertyName> propertyPrefixes = new HashSet<>();

    private final Set<String> meterNames = new TreeSet<>();

    @BeforeEach
    void collectNames() {
        for (String known : properties.all()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(known.toLowerCase(Locale.ROOT));
            for (ConfigurationPropertyName parent = name.getParent(); !parent.isEmpty(); parent = parent.getParent()) {
                propertyPrefixes.add(parent);
            }
        }
        meters.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).filter(n -> n.startsWith("gateway."))
                .forEach(meterNames::add);
    }

    @Test
    void everyGatewayPropertyNameExistsInTheMetadata() throws IOException {
        List<String> errors = new ArrayList<>();
        for (MarkdownFile file : markdownFiles()) {
            checkDottedNames(file.path(), file.lines(), 1, errors);
            for (MarkdownFile.CodeBlock block : file.codeBlocks()) {
                boolean yaml = block.language().equals("yaml") || block.language().equals("yml");
                if (yaml || block.language().equals("properties")) {
                    checkKeys(file.path(), new ByteArrayResource(block.text().getBytes(), file.path().toString()),
                            !yaml, block.firstLine(), errors);
                }
            }
        }
        for (Path file : configurationFiles()) {
            checkDottedNames(file, Files.readAllLines(file), 1, errors);
            checkKeys(file, new FileSystemResource(file), file.toString().endsWith(".properties"), 1, errors);
        }
        assertThat(errors).as("gateway.* names that JGateway does not have").isEmpty();
    }

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() {
        List<String> errors = new ArrayList<>();
        for (MarkdownFile file : markdownFiles()) {
            for (MarkdownFile.Link link : file.links()) {
                String problem = linkProblem(file, link.target());
                if (problem != null) {
                    errors.add(where(file.path(), link.line()) + "link " + link.target() + ": " + problem);
                }
            }
        }
        assertThat(errors).as("links that do not resolve inside the repository").isEmpty();
    }

    @Test
    void everyMetricNameIsAMeterOfTheReferenceApp() throws Exception {
        Set<String> prometheusNames = prometheusNames();
        List<String> errors = new ArrayList<>();
        for (MarkdownFile file : markdownFiles()) {
            checkPrometheusNames(file.path(), file.lines(), prometheusNames, errors);
        }
        String metricsPage = Files.readString(ROOT.resolve("docs/metrics.md"));
        for (String meter : meterNames) {
            if (!metricsPage.contains("`" + meter + "`")) {
                errors.add("docs/metrics.md: the reference app registers " + meter + ", which the page does not list");
            }
        }
        assertThat(errors).as("meter names that the reference app does not register, or that are not documented")
                .isEmpty();
    }

    @Test
    void theGrafanaDashboardQueriesMetersOfTheReferenceApp() throws Exception {
        Set<String> prometheusNames = prometheusNames();
        List<String> errors = new ArrayList<>();
        List<Path> dashboards = list(ROOT.resolve("deploy/grafana"), 1, "glob:**/*.json");
        assertThat(dashboards).isNotEmpty();
        for (Path dashboard : dashboards) {
            JsonNode panels = JsonMapper.shared().readTree(dashboard.toFile()).path("panels");
            assertThat(panels.isEmpty()).as(dashboard + " has panels").isFalse();
            checkPrometheusNames(dashboard, Files.readAllLines(dashboard), prometheusNames, errors);
        }
        assertThat(errors).as("dashboard queries of meters the reference app does not register").isEmpty();
    }

    private static void checkPrometheusNames(Path file, List<String> lines, Set<String> prometheusNames,
            List<String> errors) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher name = PROMETHEUS_NAME.matcher(lines.get(i));
            while (name.find()) {
                if (!prometheusNames.contains(name.group()) && !PROTOCOL_WORDS.contains(name.group())) {
                    errors.add(where(file, i + 1) + name.group() + " is not in the reference app's Prometheus scrape");
                }
            }
        }
    }

    private void checkDottedNames(Path file, List<String> lines, int firstLine, List<String> errors) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher name = DOTTED_NAME.matcher(line);
            while (name.find()) {
                boolean methodCall = name.end() < line.length() && line.charAt(name.end()) == '(';
                if (!methodCall && !SHOWN_AS_WRONG.contains(name.group()) && !meterNames.contains(name.group())
                        && !isProperty(name.group())) {
                    errors.add(where(file, firstLine + i) + name.group() + " is neither a property of the "
                            + "configuration metadata nor a meter of the reference app (nearest property: "
                            + properties.nearest(adapt(name.group())) + ")");
                }
            }
        }
    }

    private void checkKeys(Path file, org.springframework.core.io.Resource text, boolean propertiesFormat,
            int firstLine, List<String> errors) {
        List<ConfigurationKeys.Key> keys;
        try {
            keys = ConfigurationKeys.load(text, propertiesFormat);
        } catch (IOException | RuntimeException e) {
            errors.add(where(file, firstLine) + "does not load as " + (propertiesFormat ? "properties" : "YAML") + ": "
                    + e.getMessage());
            return;
        }
        for (ConfigurationKeys.Key key : keys) {
            if (key.name().startsWith("gateway.") && !isProperty(key.name())) {
                errors.add(where(file, firstLine + key.line() - 1) + "key " + key.name() + " is not a property of "
                        + "the configuration metadata (nearest: " + properties.nearest(adapt(key.name())) + ")");
            }
        }
    }

    /** A known property, or a prefix of one ({@code gateway.worker}, {@code gateway.listeners.NAME}). */
    private boolean isProperty(String text) {
        String withoutWildcards = text.replaceAll("(\\.\\*)+$", "");
        if (withoutWildcards.equals("gateway")) {
            return true;
        }
        ConfigurationPropertyName name = adapt(withoutWildcards);
        if (name.isEmpty()) {
            return false;
        }
        if (properties.isKnown(name)) {
            return true;
        }
        if (LISTENERS.isAncestorOf(name) && name.getNumberOfElements() == 3) {
            return true;
        }
        return propertyPrefixes.contains(name);
    }

    private static ConfigurationPropertyName adapt(String text) {
        return ConfigurationPropertyName.adapt(text.toLowerCase(Locale.ROOT), '.');
    }

    private static String linkProblem(MarkdownFile file, String target) {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            boolean local = target.matches("(?i)(https?|wss?)://(127\\.0\\.0\\.1|localhost)([:/].*)?");
            return local ? null : "points outside the repository";
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? file.path()
                : file.path().getParent().resolve(pathPart).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return ROOT.relativize(resolved) + " does not exist";
        }
        if (anchor != null) {
            if (!resolved.toString().endsWith(".md")) {
                return "an anchor into a file that is not Markdown";
            }
            if (!MarkdownFile.read(resolved).anchors().contains(anchor)) {
                return ROOT.relativize(resolved) + " has no heading #" + anchor;
            }
        }
        return null;
    }

    private Set<String> prometheusNames() throws IOException, InterruptedException {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : scrape.body().lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static List<MarkdownFile> markdownFiles() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("benchmarks/README.md")));
        files.addAll(list(ROOT.resolve("docs"), 1, "glob:**/*.md"));
        files.addAll(list(ROOT.resolve("samples"), 2, "glob:**/README.md"));
        return files.stream().map(MarkdownFile::read).toList();
    }

    private static List<Path> configurationFiles() {
        return list(ROOT.resolve("samples"), 6, "regex:.*/src/(main|test)/resources/application[^/]*\\.(yml|yaml|properties)");
    }

    private static List<Path> list(Path directory, int depth, String pattern) {
        var matcher = directory.getFileSystem().getPathMatcher(pattern);
        try (Stream<Path> paths = Files.find(directory, depth, (path, attributes) -> attributes.isRegularFile()
                && matcher.matches(path) && !ROOT.relativize(path).toString().contains("/target/"))) {
            return paths.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + directory, e);
        }
    }

    private static String where(Path file, int line) {
        return ROOT.relativize(file) + ":" + line + ": ";
    }
}
