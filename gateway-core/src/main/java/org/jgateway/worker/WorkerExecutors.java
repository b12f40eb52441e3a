package org.jgateway.worker;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The executor a worker runs its handlers on when the application gives none. */
final class WorkerExecutors {

    private static final Logger log = LoggerFactory.getLogger(WorkerExecutors.class);

    private WorkerExecutors() {
    }

    static ExecutorService create(WorkerOptions options) {
        if (options.virtualThreads()) {
            ExecutorService virtual = virtualThreadExecutor();
            if (virtual != null) {
                return virtual;
            }
            log.warn("Worker '{}': virtual threads need Java 21+; using {} platform threads", options.name(),
                    options.concurrency());
        }
        // The queue is unbounded here because the worker bounds what it accepts (maxPendingEvents) upstream.
        return new ThreadPoolExecutor(options.concurrency(), options.concurrency(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory(options.name()));
    }

    private static @Nullable ExecutorService virtualThreadExecutor() {
        try {
            Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ThreadFactory threadFactory(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
