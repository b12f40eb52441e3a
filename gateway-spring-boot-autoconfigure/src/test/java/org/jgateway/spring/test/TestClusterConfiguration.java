package org.jgateway.spring.test;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.worker.BusinessWorker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The three roles as beans, started, standing in for the core auto-configuration. The cluster bean closes them; the
 * role beans must not be closed again by Spring's inferred destroy method.
 */
@Configuration(proxyBeanMethods = false)
public class TestClusterConfiguration {

    @Bean(destroyMethod = "close")
    TestCluster testCluster() {
        return TestCluster.start();
    }

    @Bean(destroyMethod = "")
    RegisterServer registerServer(TestCluster cluster) {
        return cluster.register();
    }

    @Bean(destroyMethod = "")
    GatewayServer gatewayServer(TestCluster cluster) {
        return cluster.gateway();
    }

    @Bean(destroyMethod = "")
    BusinessWorker businessWorker(TestCluster cluster) {
        return cluster.worker();
    }
}
