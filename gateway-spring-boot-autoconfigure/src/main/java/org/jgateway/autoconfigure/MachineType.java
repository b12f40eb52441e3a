package org.jgateway.autoconfigure;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles this process runs, parsed from {@code gateway.machine-type}: GatewayWorker's {@code machineType}
 * switch between one-box, master and worker machines.
 */
public final class MachineType {

    /** Every role in one process. */
    public static final String ALL = "all";

    private final Set<GatewayRole> roles;

    private MachineType(Set<GatewayRole> roles) {
        this.roles = Collections.unmodifiableSet(roles);
    }

    /**
     * Parses a comma-separated list of roles or {@value #ALL}; blank is no role (a pure Gateway API client).
     *
     * @throws IllegalArgumentException naming the unknown role
     */
    public static MachineType parse(String value) {
        EnumSet<GatewayRole> roles = EnumSet.noneOf(GatewayRole.class);
        if (value == null || value.isBlank()) {
            return new MachineType(roles);
        }
        for (String part : value.split(",")) {
            String role = part.strip().toLowerCase(Locale.ROOT);
            if (role.equals(ALL)) {
                roles.addAll(EnumSet.allOf(GatewayRole.class));
            } else if (!role.isEmpty()) {
                roles.add(role(role));
            }
        }
        return new MachineType(roles);
    }

    private static GatewayRole role(String name) {
        for (GatewayRole role : GatewayRole.values()) {
            if (role.value().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'");
    }

    /** The roles, possibly none. */
    public Set<GatewayRole> roles() {
        return roles;
    }

    public boolean has(GatewayRole role) {
        return roles.contains(role);
    }

    /** True when the process runs no role and only uses the Gateway API. */
    public boolean isClientOnly() {
        return roles.isEmpty();
    }

    @Override
    public String toString() {
        return roles.isEmpty() ? "client" : roles.stream().map(GatewayRole::value).collect(Collectors.joining(","));
    }
}
