package org.jgateway.autoconfigure;

import static org.jgateway.autoconfigure.InvalidGatewayPropertyException.naming;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jgateway.history.HistoryOptions;
import org.jgateway.history.HistoryPolicy;
import org.jgateway.history.HistoryStore;
import org.jgateway.history.MemoryHistoryStore;

/**
 * Maps {@code gateway.history.*} onto the {@link HistoryStore} the gateway and the Gateway API of this process share:
 * the memory store here; the Redis store comes from the redis auto-configuration, which runs first. A value the core
 * refuses fails the startup naming its property, and so does history in a process that cannot keep it: the memory
 * store is only shared by a gateway and the senders of the same process.
 */
public final class HistoryStoreFactory {

    private HistoryStoreFactory() {
    }

    /**
     * The patterns (and the memory store's cap) of {@code gateway.history.*}, whichever store keeps them.
     *
     * @throws InvalidGatewayPropertyException naming the first property the core refuses
     */
    public static HistoryOptions options(GatewayProperties.History history) {
        HistoryOptions.Builder builder = HistoryOptions.builder();
        add("gateway.history.groups", history.getGroups(), builder::group);
        add("gateway.history.uids", history.getUids(), builder::uid);
        naming("gateway.history.max-memory", (Long bytes) -> builder.maxMemory(bytes))
                .accept(history.getMaxMemory().toBytes());
        return builder.build();
    }

    static HistoryStore create(GatewayProperties.History history, MachineType machineType,
            GatewayProperties.Engine engine) {
        HistoryOptions options = options(history);
        if (!options.isEnabled()) {
            return HistoryStore.none();
        }
        if (history.resolveStore(engine) == GatewayProperties.History.Store.REDIS) {
            // The redis auto-configuration makes the store when it can; reaching here means it could not.
            boolean chosen = history.getStore() != null;
            throw new InvalidGatewayPropertyException(chosen ? "gateway.history.store" : "gateway.cluster.engine",
                    chosen ? "redis" : engine.name().toLowerCase(Locale.ROOT),
                    "history in Redis needs org.jgateway:gateway-redis and org.springframework.boot:spring-boot-data-redis"
                            + " on the classpath, and Spring Boot's Redis auto-configuration",
                    "depend on org.jgateway:gateway-spring-boot-starter-redis, or set gateway.history.store=memory");
        }
        if (!machineType.has(GatewayRole.GATEWAY) || !machineType.has(GatewayRole.WORKER)) {
            String property = history.getGroups().isEmpty() ? "gateway.history.uids" : "gateway.history.groups";
            throw new InvalidGatewayPropertyException(property,
                    (history.getGroups().isEmpty() ? history.getUids() : history.getGroups()).stream()
                            .map(GatewayProperties.Pattern::getPattern).toList(),
                    "history is kept in this process's memory, where only a gateway and business worker of this same"
                            + " process can share it, and gateway.machine-type is '" + machineType + "'",
                    "keep history in Redis (gateway.history.store=redis), run the gateway and worker roles in one"
                            + " process (gateway.machine-type=all), or remove the history patterns");
        }
        return new MemoryHistoryStore(options);
    }

    private static void add(String property, List<GatewayProperties.Pattern> patterns, Consumer<HistoryPolicy> to) {
        for (int i = 0; i < patterns.size(); i++) {
            GatewayProperties.Pattern pattern = patterns.get(i);
            String prefix = property + "[" + i + "]";
            if (pattern.getPattern() == null) {
                throw new InvalidGatewayPropertyException(prefix + ".pattern", null, "a pattern is required",
                        "set the group or uid names this entry applies to, e.g. room:*");
            }
            // Each value on its own first, so that the error names the one to fix.
            naming(prefix + ".pattern", pattern.getPattern(), () -> HistoryPolicy.of(pattern.getPattern()));
            naming(prefix + ".size", pattern.getSize(),
                    () -> new HistoryPolicy(pattern.getPattern(), pattern.getSize(), HistoryPolicy.DEFAULT_TTL));
            naming(prefix + ".ttl", pattern.getTtl(),
                    () -> new HistoryPolicy(pattern.getPattern(), HistoryPolicy.DEFAULT_SIZE, pattern.getTtl()));
            to.accept(new HistoryPolicy(pattern.getPattern(), pattern.getSize(), pattern.getTtl()));
        }
    }
}
