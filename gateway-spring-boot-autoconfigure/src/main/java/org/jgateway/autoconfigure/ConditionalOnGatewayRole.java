package org.jgateway.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code gateway.machine-type} (default {@code all}) includes the role. An unparsable machine type
 * matches no role; the properties' validation then fails the startup with the reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnGatewayRoleCondition.class)
public @interface ConditionalOnGatewayRole {

    /** The role that must be part of the machine type. */
    GatewayRole value();
}
