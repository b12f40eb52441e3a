package org.jgateway.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes captured from a real GatewayWorker 4 server ({@code golden_trace.txt}, read from beside the repository where
 * CI puts the shared reference; see {@link #expectedPath()}): frames as hex, and query requests with their replies
 * as Python byte literals.
 */
public final class GoldenTrace {

    static final String RELATIVE_PATH = "../shared/reference/golden_trace.txt";

    private static final Pattern DESCRIBED_FRAME = Pattern.compile(
            "^--- (.+?): cmd=(\\d+)\\((\\w+)\\) conn_id=(\\d+) flag=(\\d+) local=0x([0-9a-f]{8}):(\\d+) "
                    + "client=0x([0-9a-f]{8}):(\\d+) gw_port=(\\d+) ext=b'(.*)' body=b'(.*)'$");
    private static final Pattern NAMED_HEX = Pattern.compile("^(\\S+) frame hex: ([0-9a-f]+)$");
    private static final Pattern GROUP_HEX = Pattern.compile("^SEND_TO_GROUP hex: ([0-9a-f]+)$");
    private static final Pattern QUERY = Pattern.compile("^query (.+?): req=([0-9a-f]+)$");
    private static final Pattern REPLY = Pattern.compile("^\\s+reply=b(['\"])(.*)\\1$");

    /** A frame with the fields the trace documents for it. */
    public record DescribedFrame(String label, int cmd, String cmdName, long connectionId, int flag, long localIp,
            int localPort, long clientIp, int clientPort, int gatewayPort, byte[] ext, byte[] body, byte[] bytes) {
    }

    /** A frame given only as hex, under a name. */
    public record NamedFrame(String name, byte[] bytes) {
    }

    /** A query request frame and the reply the gateway sent (4-byte length + PHP-serialized payload). */
    public record Query(String label, byte[] request, byte[] reply) {
    }

    private final List<DescribedFrame> described = new ArrayList<>();
    private final List<NamedFrame> named = new ArrayList<>();
    private final List<Query> queries = new ArrayList<>();
    private final List<String> lines;

    private GoldenTrace(List<String> lines) {
        this.lines = lines;
    }

    /**
     * Reads the trace from {@link #expectedPath()}.
     *
     * @throws IllegalStateException naming the expected path when the file is not there
     */
    public static GoldenTrace load() {
        return load(expectedPath());
    }

    static GoldenTrace load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The golden trace is missing: expected " + file + " ("
                    + RELATIVE_PATH + " beside the repository, as CI provides it)");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the trace is: {@code ../shared/reference/golden_trace.txt} from the repository's root, found by walking up
     * from the working directory (a module's directory while its tests run) to the one holding {@code .git}. In a
     * linked work tree ({@code .git} is a file naming the repository), the root is the repository's main checkout,
     * the directory beside which {@code shared/} lies.
     */
    public static Path expectedPath() {
        return expectedPath(Path.of("").toAbsolutePath());
    }

    static Path expectedPath(Path workingDirectory) {
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return dir.resolve(RELATIVE_PATH).normalize();
            }
            if (Files.isRegularFile(git)) {
                return mainCheckout(dir, git).resolve(RELATIVE_PATH).normalize();
            }
        }
        throw new IllegalStateException("The golden trace is found from the repository's root (" + RELATIVE_PATH
                + " from it), but no directory from " + workingDirectory + " up holds .git");
    }

    /** The main checkout of a linked work tree: its {@code .git} file names {@code <repo>/.git/worktrees/<name>}. */
    private static Path mainCheckout(Path workTree, Path gitFile) {
        try {
            String content = Files.readString(gitFile, StandardCharsets.UTF_8).trim();
            if (!content.startsWith("gitdir: ")) {
                throw new IllegalStateException(gitFile + " does not name a git directory (\"gitdir: ...\")");
            }
            Path gitDir = workTree.resolve(content.substring("gitdir: ".length())).normalize();
            Path commonDir = gitDir.resolve("commondir");
            Path repository = Files.isRegularFile(commonDir)
                    ? gitDir.resolve(Files.readString(commonDir, StandardCharsets.UTF_8).trim()).normalize()
                    : gitDir;
            return repository.getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoldenTrace parse(String text) {
        String[] lines = text.split("\n");
        GoldenTrace trace = new GoldenTrace(List.of(lines));
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m;
            if ((m = DESCRIBED_FRAME.matcher(line)).matches()) {
                String hexLine = lines[i + 1].trim();
                if (!hexLine.startsWith("hex: ")) {
                    throw new IllegalStateException("No hex after line " + (i + 1));
                }
                trace.described.add(new DescribedFrame(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                        Long.parseLong(m.group(4)), Integer.parseInt(m.group(5)), Long.parseLong(m.group(6), 16),
                        Integer.parseInt(m.group(7)), Long.parseLong(m.group(8), 16), Integer.parseInt(m.group(9)),
                        Integer.parseInt(m.group(10)), pythonBytes(m.group(11)), pythonBytes(m.group(12)),
                        hex(hexLine.substring(5))));
            } else if ((m = NAMED_HEX.matcher(line)).matches()) {
                trace.named.add(new NamedFrame(m.group(1), hex(m.group(2))));
            } else if ((m = GROUP_HEX.matcher(line)).matches()) {
                trace.named.add(new NamedFrame("SEND_TO_GROUP", hex(m.group(1))));
            } else if ((m = QUERY.matcher(line)).matches()) {
                Matcher r = REPLY.matcher(lines[i + 1]);
                if (!r.matches()) {
                    throw new IllegalStateException("No reply after line " + (i + 1));
                }
                trace.queries.add(new Query(m.group(1), hex(m.group(2)), pythonBytes(r.group(2))));
            }
        }
        return trace;
    }

    public List<DescribedFrame> describedFrames() {
        return described;
    }

    public List<NamedFrame> namedFrames() {
        return named;
    }

    public List<Query> queries() {
        return queries;
    }

    /** Every line of the trace, in order. */
    public List<String> lines() {
        return lines;
    }

    /** The bytes of the line {@code <label>: b'<python bytes literal>'}. */
    public byte[] labelledBytes(String label) {
        String prefix = label + ": b'";
        return lines.stream()
                .filter(line -> line.startsWith(prefix) && line.endsWith("'"))
                .map(line -> pythonBytes(line.substring(prefix.length(), line.length() - 1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No line \"" + label + ": b'...'\" in the trace"));
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Decodes the inside of a Python bytes literal ({@code \xNN}, {@code \n}, {@code \\}, {@code \'}...). */
    public static byte[] pythonBytes(String literal) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'x' -> {
                    out.write(Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }
}
