/** Auto-configuration of the {@code gateway-status} endpoint and the {@code gateway} health indicator. */
package org.jgateway.autoconfigure.actuate;
