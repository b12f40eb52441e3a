package org.jgateway.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnGatewayRole}. */
class OnGatewayRoleCondition extends SpringBootCondition {

    static final String PROPERTY = "gateway.machine-type";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnGatewayRole.class.getName());
        GatewayRole role = (GatewayRole) attributes.get("value");
        String value = context.getEnvironment().getProperty(PROPERTY, MachineType.ALL);
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnGatewayRole.class,
                role.value());
        MachineType machineType;
        try {
            machineType = MachineType.parse(value);
        } catch (IllegalArgumentException e) {
            return ConditionOutcome.noMatch(message.because(PROPERTY + " '" + value + "' is invalid: " + e.getMessage()));
        }
        if (machineType.has(role)) {
            return ConditionOutcome.match(message.because(PROPERTY + " '" + value + "' includes it"));
        }
        return ConditionOutcome.noMatch(message.because(PROPERTY + " '" + value + "' does not include it"));
    }
}
