package org.jgateway.spring.test;

import java.time.Duration;
import org.jgateway.gateway.GatewayOptions;
import org.jgateway.gateway.GatewayServer;
import org.jgateway.gateway.listener.ClientProtocol;
import org.jgateway.gateway.listener.ListenerOptions;
import org.jgateway.register.ClusterConnectionOptions;
import org.jgateway.register.RegisterOptions;
import org.jgateway.register.RegisterServer;
import org.jgateway.transport.EventLoopResources;
import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.WorkerOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Role beans that are created but never started: enough for tests of which auto-configured beans exist, without
 * binding sockets. Pick the roles with the nested configurations.
 */
public final class UnstartedRoles {

    /** A register that is never there: the roles are not started. */
    private static final ClusterConnectionOptions NOWHERE =
            ClusterConnectionOptions.builder().registerAddresses("127.0.0.1:1").build();

    private UnstartedRoles() {
    }

    @Configuration(proxyBeanMethods = false)
    public static class Loops {

        @Bean(destroyMethod = "close")
        EventLoopResources testLoops() {
            return EventLoopResources.create(1, "unstarted");
        }
    }

    @Configuration(proxyBeanMethods = false)
    public static class Register {

        @Bean
        RegisterServer registerServer(EventLoopResources loops) {
            return new RegisterServer(RegisterOptions.builder().host("127.0.0.1").port(0).build(), loops.borrowed());
        }
    }

    @Configuration(proxyBeanMethods = false)
    public static class Gateway {

        @Bean
        GatewayServer gatewayServer(EventLoopResources loops) {
            return new GatewayServer(GatewayOptions.builder()
                    .lanIp("127.0.0.1")
                    .startPort(0)
                    .listener(ListenerOptions.builder(ClientProtocol.TEXT).name("text").port(0).build(), 0)
                    .cluster(NOWHERE)
                    .build(), loops.borrowed());
        }
    }

    @Configuration(proxyBeanMethods = false)
    public static class Worker {

        @Bean
        BusinessWorker businessWorker(EventLoopResources loops) {
            return new BusinessWorker(WorkerOptions.builder()
                    .cluster(NOWHERE)
                    .stopTimeout(Duration.ofMillis(100))
                    .build(), (context, message) -> { }, loops.borrowed());
        }
    }
}
