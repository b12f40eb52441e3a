package org.jgateway.spring.context;

import org.jgateway.worker.BusinessWorker;
import org.jgateway.worker.EventContext;
import org.jgateway.worker.WorkerEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of a worker role whose application declares none: the worker still joins the cluster (so gateways do
 * not hold events for a worker that never comes) but ignores the events, and says so once.
 */
public final class UnhandledEvents implements WorkerEventHandler {

    private static final Logger log = LoggerFactory.getLogger(UnhandledEvents.class);

    @Override
    public void onWorkerStart(BusinessWorker worker) {
        log.warn("Business worker '{}' has no event handler: client messages are ignored. Declare "
                + "@GatewayEventHandler beans or a WorkerEventHandler bean, or leave 'worker' out of "
                + "gateway.machine-type.", worker.options().name());
    }

    @Override
    public void onMessage(EventContext context, byte[] message) {
        // Nothing to do: see the class comment.
    }
}
