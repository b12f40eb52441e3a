package org.jgateway.worker;

/** What a worker asks of the gateways it connects to for the events they send it. */
public enum DeliveryGuarantee {

    /**
     * Our gateways keep each event until the worker confirms it handled it, and send the unconfirmed ones again to
     * another worker when this one dies: a handler may see an event twice ({@link EventContext#isRedelivery()}).
     * PHP gateways cannot: with them every event is at most once.
     */
    AT_LEAST_ONCE,

    /** An event in flight to a worker that dies is lost (and counted by our gateways), as in GatewayWorker. */
    AT_MOST_ONCE
}
