package org.jgateway.autoconfigure;

import org.jgateway.worker.WorkerOptions;

/**
 * Customizes the options of the auto-configured business worker, e.g. to give it an executor of the application. Applied after the {@code gateway.*} properties, in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface WorkerOptionsCustomizer {

    void customize(WorkerOptions.Builder builder);
}
