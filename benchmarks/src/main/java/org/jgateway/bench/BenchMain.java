package org.jgateway.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.jgateway.bench.ceiling.CeilingServer;
import org.jgateway.bench.report.MemoryTable;
import org.jgateway.bench.report.ResultText;
import org.jgateway.bench.report.Suite;
import org.jgateway.bench.scenario.ChurnScenario;
import org.jgateway.bench.scenario.ConnsScenario;
import org.jgateway.bench.scenario.ConnsWorker;
import org.jgateway.bench.scenario.EchoScenario;
import org.jgateway.bench.scenario.FanoutScenario;
import org.jgateway.bench.scenario.RecoverScenario;
import org.jgateway.bench.scenario.RoutedScenario;
import org.jgateway.bench.scenario.ScaleGenerator;
import org.jgateway.bench.scenario.ScaleScenario;
import org.jgateway.bench.scenario.Scenario;
import org.jgateway.bench.server.Pusher;
import org.jgateway.bench.server.RoleLauncher;

/**
 * The benchmark tool's command line: {@code java -jar jgateway-benchmarks.jar <command> [--option value ...]}.
 * See benchmarks/README.md for every command and option.
 */
public final class BenchMain {

    private static final String USAGE = """
            usage: java -jar benchmarks/target/jgateway-benchmarks.jar <command> [--option value ...]
              echo     --target ws://127.0.0.1:7272/ --pid <server pid> --conns 100 --inflight 10 --size 64
              fanout   --target ws://127.0.0.1:7272/ --pid <pid> --subs 1000 --pubs 1 --rate 100 --mode say|all --burst 1
                       [--group-prefix h:g]   (history groups of the demo: every delivery carries offset and epoch)
              recover  --target tcp://127.0.0.1:8282 --pid <pid> --missed 100 --rounds 200   (resume latency)
              conns    --target ws://127.0.0.1:7272/ --pid <pid> --conns 10000 [--bind-join] [--sources n] [--histogram FILE]
              churn    --target ws://127.0.0.1:7272/ --pid <pid> --concurrency 10 --close fin|handshake
              scale    --targets ws://127.0.0.1:7601/,ws://127.0.0.1:7602/,ws://127.0.0.1:7603/ --conns 50000
                       --gateway-pids p1,p2,p3 --worker-pid p   (N connections over several gateways, all proven served)
              routed   --targets ws://127.0.0.1:17701/,... --engine register|redis --register h:p | --redis h:p
                       --gateway-pids p1,.. --worker-pid p --store-pid p --clients 800 --owning 4 --rate 10000
                       (sendToUid at a fixed rate from a pusher process; CPU per push, per gateway, latency, losses)
              suite    --ws ws://127.0.0.1:7272/ --text tcp://127.0.0.1:8282 --pid <pid> --runs 3
              memory-table FILE...                                       (medians of conns results saved in files)
              medians  FILE...                                           (medians of any results saved in files)
              ceiling  --ws-port 7373 --text-port 8383 --threads 0      (the one-hop Netty echo server)
              server   --roles register,gateway,worker [--lan-ip 127.0.0.2] (the reference app, chosen roles)
                       [--listeners ws,text] [--engine register|redis --redis host:port]
              jmh      [JMH options]                                     (codec microbenchmarks)
            common: --warmup s --duration s --threads n (generator loops) --sources n --first-source k
            """;

    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        String command = argv[0];
        switch (command) {
            case "echo" -> runScenario(new EchoScenario(), argv);
            case "fanout" -> runScenario(new FanoutScenario(), argv);
            case "recover" -> runScenario(new RecoverScenario(), argv);
            case "conns" -> runScenario(new ConnsScenario(), argv);
            case "churn" -> runScenario(new ChurnScenario(), argv);
            case "conns-worker" -> ConnsWorker.run(Args.parse(argv, 1));
            case "scale" -> runScenario(new ScaleScenario(), argv);
            case "scale-generator" -> ScaleGenerator.run(Args.parse(argv, 1));
            case "routed" -> runScenario(new RoutedScenario(), argv);
            case "pusher" -> Pusher.run(Args.parse(argv, 1));
            case "suite" -> Suite.run(Args.parse(argv, 1));
            case "memory-table" -> System.out.print(MemoryTable.run(
                    Arrays.stream(argv, 1, argv.length).map(java.nio.file.Path::of).toList()));
            case "medians" -> System.out.print(ResultText.medians(
                    Arrays.stream(argv, 1, argv.length).map(java.nio.file.Path::of).toList()));
            case "ceiling" -> ceiling(Args.parse(argv, 1));
            case "server" -> RoleLauncher.main(Args.parse(argv, 1));
            case "jmh" -> org.openjdk.jmh.Main.main(Arrays.copyOfRange(argv, 1, argv.length));
            default -> {
                System.err.print("unknown command '" + command + "'\n" + USAGE);
                System.exit(2);
            }
        }
        if (!command.equals("server") && !command.equals("ceiling")) {
            // Lingering non-daemon threads (e.g. Netty's global executor) must not keep a finished run alive.
            System.exit(0);
        }
    }

    private static void runScenario(Scenario scenario, String[] argv) throws Exception {
        System.out.println(scenario.run(Args.parse(argv, 1)));
    }

    private static void ceiling(Args args) throws InterruptedException {
        String host = args.string("host", "127.0.0.1");
        int wsPort = args.integer("ws-port", 7373);
        int textPort = args.integer("text-port", 8383);
        int threads = args.integer("threads", 0);
        args.rejectUnknown();
        CeilingServer server = new CeilingServer(host, wsPort, textPort, threads);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ceiling-shutdown"));
        System.out.println("one-hop ceiling up, pid " + ProcessHandle.current().pid() + ", transport " + server.transport()
                + ": ws://" + host + ":" + server.wsPort() + "/  tcp://" + host + ":" + server.textPort());
        stopped.await();
    }
}
