package org.jgateway.autoconfigure;

import org.jgateway.register.RegisterOptions;

/**
 * Customizes the options of the auto-configured register (RegisterServer). Applied after the {@code gateway.*} properties, in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface RegisterOptionsCustomizer {

    void customize(RegisterOptions.Builder builder);
}
