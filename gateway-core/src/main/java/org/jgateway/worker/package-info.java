/**
 * The business-worker role: {@link org.jgateway.worker.BusinessWorker} connects to every gateway it learns of from
 * the registers (over TCP, or in memory when the gateway runs in the same JVM) and runs a
 * {@link org.jgateway.worker.WorkerEventHandler} for their clients' events, in order per client, in parallel across
 * clients.
 */
@NullMarked
package org.jgateway.worker;

import org.jspecify.annotations.NullMarked;
