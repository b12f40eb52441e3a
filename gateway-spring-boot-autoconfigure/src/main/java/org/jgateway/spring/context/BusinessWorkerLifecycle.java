package org.jgateway.spring.context;

import org.jgateway.worker.BusinessWorker;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the business worker last and stops it first: its graceful leave (gateways route new events elsewhere, the
 * events it received are handled) needs the gateway and register still running. The phase is below Spring Boot's web
 * server phases, so HTTP requests drained during a graceful shutdown can still push through the worker.
 */
public class BusinessWorkerLifecycle extends RoleLifecycle {

    /** Before the web server starts, and (stopping) after it stopped. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private final BusinessWorker worker;

    public BusinessWorkerLifecycle(BusinessWorker worker) {
        super(PHASE);
        this.worker = worker;
    }

    @Override
    protected void startRole() {
        worker.start();
    }

    /** Leaves gracefully; blocks up to {@code gateway.worker.stop-timeout} while in-flight events finish. */
    @Override
    protected void stopRole() {
        worker.close();
    }
}
