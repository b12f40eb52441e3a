package org.jgateway.redis.history;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The history's Lua script ({@code history.lua}: append and read one stream) run with {@code EVALSHA}, and with
 * {@code EVAL} once when the server does not know it (first use, or after a restart), which loads it again. Each call
 * names the stream's two keys, which share a hash tag, so a Redis Cluster runs it on the node of the stream's slot.
 */
final class HistoryScript {

    private static final String SOURCE = load();
    private static final String SHA = sha1(SOURCE);

    private final RedisClusterAsyncCommands<String, byte[]> redis;

    HistoryScript(RedisClusterAsyncCommands<String, byte[]> redis) {
        this.redis = redis;
    }

    /** Runs the script on {@code keys} with {@code args}; the reply is a list of integers and byte arrays. */
    CompletableFuture<List<Object>> run(String[] keys, byte[]... args) {
        CompletableFuture<List<Object>> sha = redis.<List<Object>>evalsha(SHA, ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture();
        return sha.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.<List<Object>>eval(SOURCE, ScriptOutputType.MULTI, keys, args).toCompletableFuture();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static String load() {
        try (InputStream in = HistoryScript.class.getResourceAsStream("history.lua")) {
            if (in == null) {
                throw new IllegalStateException("history.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
