package org.jgateway.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM under load (50 clients sending 100 messages per second each) of a process that runs the gateway: every
 * message the gateway read is answered, once and in order, before the clients are closed. What the gateway read is
 * what it logs when it stops reading; what was answered is what the clients received.
 */
class ShutdownUnderLoadIT {

    private static final String SECRET = "shutdown-test-secret";
    private static final String STOPPED_READING = "Gateway listener 'text' stopped reading from ";
    private static final Pattern READ = Pattern.compile("after reading (\\d+) message");
    private static final int CLIENTS = 50;
    private static final long SEND_PERIOD_MICROS = 10_000;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<LoadClient> clients = new ArrayList<>();
    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopEverything() {
        senders.shutdownNow();
        clients.forEach(LoadClient::close);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).ensureStopped();
        }
    }

    @Test
    void sigtermOfAnAllInOneProcessAnswersEveryMessageItRead() throws Exception {
        NodeProcess all = start("all-in-one", masterEnvironment(), "--spring.profiles.active=master",
                "--gateway.machine-type=all");
        String text = all.awaitReady().get("text");
        loadAndStop(all, text);
    }

    @Test
    void sigtermOfAGatewayProcessAnswersEveryMessageItReadThroughItsWorker() throws Exception {
        NodeProcess master = start("master", masterEnvironment(), "--spring.profiles.active=master");
        Map<String, String> ports = master.awaitReady();
        start("worker", Map.of("REGISTER_ADDRESS", ports.get("register"), "WORKER_NAME", "worker-1"),
                "--spring.profiles.active=worker");
        master.awaitLine("Gateway listener 'text' workers: ", line -> line.contains("worker-1"), Duration.ofSeconds(60));
        loadAndStop(master, ports.get("text"));
    }

    private void loadAndStop(NodeProcess gateway, String text) throws Exception {
        int colon = text.lastIndexOf(':');
        for (int i = 0; i < CLIENTS; i++) {
            LoadClient client = new LoadClient(i, text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            clients.add(client);
            senders.scheduleAtFixedRate(client::sendNext, i * SEND_PERIOD_MICROS / CLIENTS, SEND_PERIOD_MICROS,
                    TimeUnit.MICROSECONDS);
        }
        // Under way: every client has been answered a few times.
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.answered() >= 20));

        gateway.requestStop();
        await("the gateway process exits").atMost(Duration.ofSeconds(60)).until(() -> !gateway.isAlive());
        for (LoadClient client : clients) {
            client.awaitClosed();
        }
        senders.shutdownNow();

        String line = gateway.latest(STOPPED_READING).orElseThrow(() -> new AssertionError(
                "the gateway did not log that it stopped reading:\n" + gateway.tail()));
        Matcher read = READ.matcher(line);
        assertThat(read.find()).as(line).isTrue();
        long readByGateway = Long.parseLong(read.group(1));
        long answered = 0;
        for (LoadClient client : clients) {
            // Each client's answers are its messages 0, 1, 2... in order, once each (checked as they arrived).
            assertThat(client.failure).as("client %d", client.id).isNull();
            answered += client.answered();
        }
        long sent = clients.stream().mapToLong(LoadClient::sent).sum();
        assertThat(answered).as("answered of %d read by the gateway (%d sent)", readByGateway, sent)
                .isEqualTo(readByGateway);
        assertThat(sent).as("messages sent after the gateway stopped reading were never read").isGreaterThan(0);
    }

    private static Map<String, String> masterEnvironment() {
        return Map.of("LAN_IP", "127.0.0.1", "REGISTER_PORT", "0", "START_PORT", "0",
                "GATEWAY_LISTENERS_WEBSOCKET_PORT", "0", "GATEWAY_LISTENERS_TEXT_PORT", "0");
    }

    private NodeProcess start(String name, Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("GATEWAY_SECRET_KEY", SECRET);
        NodeProcess node = NodeProcess.start("shutdown-" + name + "-" + nodes.size(), env, args);
        nodes.add(node);
        return node;
    }

    /**
     * A text client that sends {@code c<id>-<n>} and reads the echoes on its own thread, checking that they are its
     * messages in order, each once.
     */
    private static final class LoadClient {

        private final int id;
        private final Socket socket;
        private final OutputStream out;
        private final Thread reader;
        private volatile long sent;
        private volatile long answered;
        private volatile boolean closed;
        volatile String failure;

        LoadClient(int id, String host, int port) throws IOException {
            this.id = id;
            this.socket = new Socket(host, port);
            this.socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            this.reader = new Thread(this::read, "load-client-" + id);
            this.reader.setDaemon(true);
            this.reader.start();
        }

        /** On a sender thread; one message per call, never two at once for one client (fixed-rate task). */
        void sendNext() {
            if (closed) {
                return;
            }
            try {
                out.write(("c" + id + "-" + sent + "\n").getBytes(StandardCharsets.UTF_8));
                sent++;
            } catch (IOException e) {
                // The gateway closed the connection: what we send now is not read by anyone.
                closed = true;
            }
        }

        private void read() {
            StringBuilder line = new StringBuilder();
            boolean welcomed = false;
            try (InputStream in = socket.getInputStream()) {
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != '\n') {
                        line.append((char) b);
                        continue;
                    }
                    JsonNode reply = JsonMapper.shared().readTree(line.toString());
                    line.setLength(0);
                    if (!welcomed) {
                        welcomed = "welcome".equals(reply.get("type").asString());
                        continue;
                    }
                    String expected = "c" + id + "-" + answered;
                    String msg = reply.path("msg").asString();
                    if (!expected.equals(msg) && failure == null) {
                        failure = "expected " + expected + " but got " + reply;
                    }
                    answered++;
                }
            } catch (IOException e) {
                // Reset by the closing gateway: whatever arrived was counted.
            } finally {
                closed = true;
            }
        }

        long sent() {
            return sent;
        }

        long answered() {
            return answered;
        }

        void awaitClosed() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(reader.isAlive()).as("client %d still connected", id).isFalse();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
