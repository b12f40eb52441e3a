/** Netty transport selection (epoll where available, else NIO) and the event loops shared by the roles of a JVM. */
package org.jgateway.transport;
