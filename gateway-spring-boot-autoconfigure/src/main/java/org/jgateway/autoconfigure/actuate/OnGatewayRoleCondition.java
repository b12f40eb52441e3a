package org.jgateway.autoconfigure.actuate;

import org.jgateway.gateway.GatewayServer;
import org.jgateway.register.RegisterServer;
import org.jgateway.worker.BusinessWorker;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;

/** Matches when the context runs at least one JGateway role (a plain {@code @ConditionalOnBean} would need all three). */
class OnGatewayRoleCondition extends AnyNestedCondition {

    OnGatewayRoleCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(RegisterServer.class)
    static class Register {
    }

    @ConditionalOnBean(GatewayServer.class)
    static class Gateway {
    }

    @ConditionalOnBean(BusinessWorker.class)
    static class Worker {
    }
}
