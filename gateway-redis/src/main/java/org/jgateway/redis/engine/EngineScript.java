package org.jgateway.redis.engine;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
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
 * The engine's Lua script ({@code engine.lua}: every key of the engine, every operation on them) and how to run one
 * of its operations: {@code EVALSHA}, and {@code EVAL} once when the server does not know the script (first use, or
 * after a restart), which loads it again.
 * <p>
 * Every call names one key, {@code <prefix>:{engine}:indexed}, and every key the script touches carries the same hash
 * tag, so a Redis Cluster runs it on the node of that one slot.
 */
final class EngineScript {

    private static final String SOURCE = load();
    private static final String SHA = sha1(SOURCE);

    private final RedisScriptingAsyncCommands<String, String> redis;
    private final String tag;
    private final String[] keys;

    /** @param prefix the cluster's key prefix ({@code gateway.cluster.redis.prefix}) */
    EngineScript(RedisScriptingAsyncCommands<String, String> redis, String prefix) {
        this.redis = redis;
        this.tag = EngineKeys.tag(prefix);
        this.keys = new String[] {tag + "indexed"};
    }

    /** Runs {@code op} with {@code args}; the future has the script's reply as {@code type}. */
    <T> CompletableFuture<T> run(ScriptOutputType type, String op, List<String> args) {
        String[] argv = new String[args.size() + 2];
        argv[0] = tag;
        argv[1] = op;
        for (int i = 0; i < args.size(); i++) {
            argv[i + 2] = args.get(i);
        }
        CompletableFuture<T> sha = redis.<T>evalsha(SHA, type, keys, argv).toCompletableFuture();
        return sha.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(SOURCE, type, keys, argv).toCompletableFuture();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static String load() {
        try (InputStream in = EngineScript.class.getResourceAsStream("engine.lua")) {
            if (in == null) {
                throw new IllegalStateException("engine.lua is missing from the classpath");
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
