package org.jgateway.worker;

import org.jgateway.protocol.GatewayFrame;

/** What the worker's gateway links report: the frames they receive, and the loss of a link. */
interface GatewayLinkListener {

    /** A frame from the gateway at the other end of {@code link} (an event, or a ping); on the link's thread. */
    void received(GatewayConnection link, GatewayFrame frame);

    /**
     * Runs {@code task} after the events of client {@code clientId} received so far are handled (at once when none is
     * waiting or running).
     */
    void afterEventsOf(String clientId, Runnable task);

    /** {@code link} lost its gateway (it may come back; it is a new stream then). */
    void disconnected(GatewayConnection link);
}
