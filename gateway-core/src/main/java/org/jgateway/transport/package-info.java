/** Netty transport selection (epoll where available, else NIO) and the event loops shared by the roles of a JVM. */
@NullMarked
package org.jgateway.transport;

import org.jspecify.annotations.NullMarked;
