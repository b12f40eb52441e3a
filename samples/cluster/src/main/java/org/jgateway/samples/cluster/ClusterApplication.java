package org.jgateway.samples.cluster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One application for every machine of a cluster; the profile picks the machine's roles, as GatewayWorker's
 * {@code ConfigMaster} / {@code ConfigWorker} files do:
 * <ul>
 * <li>{@code --spring.profiles.active=master}: register and gateway (WebSocket and text listeners);</li>
 * <li>{@code --spring.profiles.active=worker}: a business worker running {@link ClusterEvents};</li>
 * <li>no profile: everything in one process, for development.</li>
 * </ul>
 * Scheduling drives {@link MembershipLog}.
 */
@SpringBootApplication
@EnableScheduling
public class ClusterApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClusterApplication.class, args);
    }
}
