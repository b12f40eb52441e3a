package org.jgateway.spring.context;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one role's engine inside the application context: started once in its phase, stopped once, also when the
 * context fails to refresh (then no lifecycle stop comes, only {@link #destroy()}). A stopped role is not started
 * again: the engines are single-use. So a role keeps running while its context is paused (Spring's test context
 * cache pauses the contexts it is not using): stopping it there would end it for good.
 */
public abstract class RoleLifecycle implements SmartLifecycle, DisposableBean {

    private final int phase;
    private boolean started;
    private boolean stopped;

    protected RoleLifecycle(int phase) {
        this.phase = phase;
    }

    /** Starts the engine. */
    protected abstract void startRole();

    /** Stops the engine (gracefully). */
    protected abstract void stopRole();

    @Override
    public final synchronized void start() {
        if (started || stopped) {
            return;
        }
        startRole();
        started = true;
    }

    @Override
    public final synchronized void stop() {
        if (!stopped) {
            stopped = true;
            stopRole();
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return started && !stopped;
    }

    /** False: a pause would end the role for good, and the context it belongs to could not serve again. */
    @Override
    public final boolean isPauseable() {
        return false;
    }

    @Override
    public final int getPhase() {
        return phase;
    }

    @Override
    public final void destroy() {
        stop();
    }
}
