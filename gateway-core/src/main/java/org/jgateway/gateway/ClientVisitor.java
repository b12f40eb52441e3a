package org.jgateway.gateway;

/**
 * Receives the members of an index entry one by one. Fan-out passes one visitor object per broadcast instead of a
 * lambda per member, so iterating 10k members allocates nothing.
 */
interface ClientVisitor {

    void visit(ClientConnection client);
}
