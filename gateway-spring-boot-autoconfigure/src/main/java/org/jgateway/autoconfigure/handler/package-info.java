/** Auto-configuration of the annotated business handlers ({@code @GatewayEventHandler} beans). */
package org.jgateway.autoconfigure.handler;
