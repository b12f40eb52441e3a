package org.jgateway.spring.context;

import java.util.List;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.HostAndPort;

/**
 * The registers the gateway, worker and Gateway API client of this process use: {@code gateway.register-address}
 * when set, else the register of this process at its actual port (what a one-box {@code all} deployment wants), else
 * GatewayWorker's default {@code 127.0.0.1:1236}.
 */
public final class RegisterAddresses {

    private final List<String> addresses;
    private final boolean local;

    private RegisterAddresses(List<String> addresses, boolean local) {
        this.addresses = List.copyOf(addresses);
        this.local = local;
    }

    /** The configured addresses. */
    public static RegisterAddresses of(List<String> addresses) {
        return new RegisterAddresses(addresses, false);
    }

    /** The register of this process, bound to {@code bindHost} on {@code port}. */
    public static RegisterAddresses local(String bindHost, int port) {
        return new RegisterAddresses(List.of(new HostAndPort(connectHost(bindHost), port).toString()), true);
    }

    /** GatewayWorker's default register address. */
    public static RegisterAddresses defaults() {
        return of(ClusterConnectionOptions.DEFAULT_REGISTER_ADDRESSES);
    }

    /** A wildcard bind address is reached through loopback; any other address as it is. */
    private static String connectHost(String bindHost) {
        return switch (bindHost) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "::1";
            default -> bindHost.startsWith("[") ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
        };
    }

    /** {@code host:port} of each register. */
    public List<String> addresses() {
        return addresses;
    }

    /** True when these are the register of this process, found automatically. */
    public boolean isLocal() {
        return local;
    }

    @Override
    public String toString() {
        return addresses.toString();
    }
}
