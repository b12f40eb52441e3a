/**
 * The gateway role: {@link org.jgateway.gateway.GatewayServer} holds client connections on its listeners, keeps
 * per-client state ({@link org.jgateway.gateway.ClientRegistry}: uid, groups, session), forwards client events to
 * business workers ({@link org.jgateway.gateway.WorkerRouter}, held while no worker is connected) and executes the
 * workers' commands and queries ({@link org.jgateway.gateway.GatewayCommandHandler}).
 */
package org.jgateway.gateway;
