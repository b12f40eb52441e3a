/** Auto-configuration of the JGateway Micrometer binders. */
package org.jgateway.autoconfigure.metrics;
