package org.jgateway.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes captured from a real GatewayWorker 4 server ({@code golden_trace.txt}, copied from the shared reference):
 * frames as hex, and query requests with their replies as Python byte literals.
 */
public final class GoldenTrace {

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

    private GoldenTrace() {
    }

    public static GoldenTrace load() {
        try (InputStream in = GoldenTrace.class.getResourceAsStream("/golden_trace.txt")) {
            if (in == null) {
                throw new IllegalStateException("golden_trace.txt is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoldenTrace parse(String text) {
        GoldenTrace trace = new GoldenTrace();
        String[] lines = text.split("\n");
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
