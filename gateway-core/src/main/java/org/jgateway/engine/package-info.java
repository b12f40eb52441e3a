/**
 * The cluster engine: how the Gateway API finds the gateways a command concerns and who answers presence queries
 * (the sender side, {@link org.jgateway.engine.ClusterBroker}), and how a gateway makes its own client, uid and
 * group tables known to the cluster (the gateway side, {@link org.jgateway.engine.LocalIndexSync} fed by a
 * {@link org.jgateway.engine.LocalIndex}).
 * <p>
 * The default engine, {@link org.jgateway.engine.RegisterBroker} with {@link org.jgateway.engine.LocalIndexSync#NONE},
 * is GatewayWorker's: every broadcast command and every query goes to every gateway the register lists, and nothing
 * leaves a gateway but its replies, so PHP processes share the cluster. Other engines (the Redis engine of the
 * {@code gateway-redis} module) route commands to the gateways that hold the target and answer presence from state
 * the gateways keep in a shared store.
 */
package org.jgateway.engine;
