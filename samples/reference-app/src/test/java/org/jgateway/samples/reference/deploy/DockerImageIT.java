package org.jgateway.samples.reference.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.jgateway.samples.reference.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker/Dockerfile against the jar {@code mvn package} builds (an integration test: it runs after the
 * package phase). No Docker daemon is needed: the jar the Dockerfile copies exists, its layers index names exactly the
 * layers the Dockerfile copies, in the index's order; the Dockerfile's extraction command, run here, produces them
 * and the launcher its entry point starts; the JVM accepts its options, and it exposes the ports the reference app
 * listens on.
 */
class DockerImageIT {

    private static final Path ROOT = RepositoryRoot.find();

    private static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");

    private static final String LAYERS_INDEX = "BOOT-INF/layers.idx";

    @TempDir
    Path dir;

    @Test
    void theDockerfileCopiesTheLayersOfThePackagedJar() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Path jar = ROOT.resolve(single(dockerfile, "(?m)^ARG JAR_FILE=(\\S+)$"));
        assertThat(jar).as("the jar `mvn package` builds").isRegularFile();

        List<String> layers = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry index = file.getEntry(LAYERS_INDEX);
            assertThat(index).as(jar + " has " + LAYERS_INDEX).isNotNull();
            try (InputStream in = file.getInputStream(index)) {
                Matcher layer = Pattern.compile("(?m)^- \"([^\"]+)\":$")
                        .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (layer.find()) {
                    layers.add(layer.group(1));
                }
            }
            assertThat(file.stream().map(ZipEntry::getName))
                    .as("the jar mode the extraction runs is packaged")
                    .anyMatch(name -> name.matches("BOOT-INF/lib/spring-boot-jarmode-tools-.*\\.jar"));
        }
        assertThat(layers).isNotEmpty();
        List<String> copied = all(dockerfile, "(?m)^COPY --from=extract /build/extracted/([^/]+)/ \\./$");
        assertThat(copied).as("the layers the Dockerfile copies, least often changed first").isEqualTo(layers);

        // The extraction of the first stage, as the Dockerfile runs it.
        String extract = single(dockerfile, "(?m)^RUN (java -Djarmode=tools -jar app.jar extract .*)$");
        Files.copy(jar, dir.resolve("app.jar"));
        List<String> command = new ArrayList<>(Arrays.asList(extract.split(" ")));
        command.set(0, java());
        assertThat(run(command)).isZero();
        for (String layer : layers) {
            assertThat(dir.resolve("extracted").resolve(layer)).isDirectory();
        }
        String mainClass = single(dockerfile, "(?m)^ENTRYPOINT \\[\"java\", \"([\\w.]+)\"]$");
        assertThat(dir.resolve("extracted/spring-boot-loader").resolve(mainClass.replace('.', '/') + ".class"))
                .isRegularFile();
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserWithOptionsTheJvmAccepts() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        String user = single(dockerfile, "(?m)^USER (\\d+):(?:\\d+)$");
        assertThat(Integer.parseInt(user)).as("a numeric, non-root user (Kubernetes' runAsNonRoot)").isPositive();
        assertThat(dockerfile).containsPattern("(?m)^RUN groupadd .*--gid " + user + " .*\\n.*useradd .*--uid " + user);

        String options = single(dockerfile, "(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"$");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(Arrays.asList(options.split(" ")));
        // A small fixed heap here: pre-touching half of this shared machine's memory would only slow it down.
        command.addAll(List.of("-Xms32m", "-Xmx32m", "-version"));
        assertThat(run(command)).as(options).isZero();

        Set<Integer> exposed = new TreeSet<>();
        for (String port : single(dockerfile, "(?m)^EXPOSE ([\\d ]+)$").split(" ")) {
            exposed.add(Integer.parseInt(port));
        }
        assertThat(exposed).isEqualTo(new TreeSet<>(new ContainerConfiguration(Map.of()).listeningPorts()));
    }

    private int run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "run", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command.toString()).isTrue();
        if (process.exitValue() != 0) {
            System.err.println(command + ":\n" + Files.readString(output));
        }
        return process.exitValue();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String single(String text, String regex) {
        List<String> matches = all(text, regex);
        assertThat(matches).as(regex).hasSize(1);
        return matches.get(0);
    }

    private static List<String> all(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> matches = new ArrayList<>();
        while (matcher.find()) {
            matches.add(matcher.group(1));
        }
        return matches;
    }
}
