package org.jgateway.redis.engine;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jgateway.redis.LuaScript;

/**
 * The engine's Lua script ({@code engine.lua}: every key of the engine, every operation on them) and how to run one
 * of its operations ({@link LuaScript}).
 * <p>
 * Every call names one key, {@code <prefix>:{engine}:indexed}, and every key the script touches carries the same hash
 * tag, so a Redis Cluster runs it on the node of that one slot.
 */
final class EngineScript {

    private static final LuaScript SCRIPT = LuaScript.load(EngineScript.class, "engine.lua");

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
        return SCRIPT.run(redis, type, keys, argv);
    }
}
