package org.jgateway.register;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import org.slf4j.Logger;

/**
 * Refuses to open a register or a gateway's inner ports beyond loopback without a secret, as Redis's protected mode
 * refuses unauthenticated clients from other hosts. Whoever reaches an inner port without a secret can act as a
 * business worker (read every session, push to every client, close clients); whoever reaches a register can announce
 * a gateway and draw the workers' traffic. A cluster that must run without a secret (a mixed cluster with PHP
 * processes configured without one) says so with {@code allowNoSecret}, and is then warned about at every start.
 */
public final class ProtectedMode {

    /** Whether a register or inner port may listen beyond loopback with no secret: no, unless asked for. */
    public static final boolean DEFAULT_ALLOW_NO_SECRET = false;

    private ProtectedMode() {
    }

    /**
     * Checks a port about to be bound.
     *
     * @param what          what listens there, for the messages ("register", "gateway 'ws' inner port")
     * @param host          the address it binds
     * @param secretKey     the cluster's secret, empty for none
     * @param allowNoSecret whether an unprotected non-loopback bind is allowed (then warned about on {@code log})
     * @throws UnprotectedPortException if the bind would expose the port with no secret and that is not allowed
     */
    public static void checkBind(String what, String host, String secretKey, boolean allowNoSecret, Logger log) {
        if (!secretKey.isEmpty() || isLoopback(host)) {
            return;
        }
        if (!allowNoSecret) {
            throw new UnprotectedPortException(what, host);
        }
        log.warn("The {} listens on {} with no secret (allow-no-secret is set): anyone who reaches it can act as a "
                + "cluster member. Set a secret on every register, gateway and worker as soon as the cluster allows.",
                what, host);
    }

    /**
     * Warns once on {@code log} when a role with no secret talks to registers beyond loopback: its traffic and the
     * cluster it joins are open to whoever reaches those hosts.
     *
     * @return whether it warned
     */
    public static boolean warnIfUnprotected(String who, Collection<String> registerAddresses, String secretKey,
            Logger log) {
        if (!secretKey.isEmpty()) {
            return false;
        }
        for (String address : registerAddresses) {
            String host = HostAndPort.parse(address).host();
            if (!isLoopback(host)) {
                log.warn("The {} talks to register {} with no secret: anyone on that network can join the cluster "
                        + "as a worker or a gateway. Set the cluster's secret on every process.", who, address);
                return true;
            }
        }
        return false;
    }

    /** Whether {@code host} is a loopback address or a name that resolves to one; the wildcard address is not. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // Not resolvable now: it cannot be shown to stay on this machine.
            return false;
        }
    }
}
