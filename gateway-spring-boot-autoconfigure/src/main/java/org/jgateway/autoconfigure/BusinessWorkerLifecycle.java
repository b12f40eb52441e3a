package org.jgateway.autoconfigure;

import org.jgateway.worker.BusinessWorker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the business worker last and stops it first: its graceful leave (gateways route new events elsewhere, the
 * events it received are handled) needs the gateway and register still running. The phase is below Spring Boot's web
 * server phases, so HTTP requests drained during a graceful shutdown can still push through the worker.
 */
public class BusinessWorkerLifecycle implements SmartLifecycle, DisposableBean {

    /** Before the web server starts, and (stopping) after it stopped. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private final BusinessWorker worker;
    private boolean running;
    private boolean closed;

    public BusinessWorkerLifecycle(BusinessWorker worker) {
        this.worker = worker;
    }

    @Override
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        worker.start();
        running = true;
    }

    /** Leaves gracefully; blocks up to {@code gateway.worker.stop-timeout} while in-flight events finish. */
    @Override
    public synchronized void stop() {
        if (!closed) {
            closed = true;
            running = false;
            worker.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        stop();
    }
}
