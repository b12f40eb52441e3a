/**
 * The JGateway roles at run time inside a Spring application context: their lifecycles, the ports they publish, the
 * lazily created Gateway API client and the SSL bundle support. The auto-configuration only wires these as beans.
 */
package org.jgateway.spring.context;
