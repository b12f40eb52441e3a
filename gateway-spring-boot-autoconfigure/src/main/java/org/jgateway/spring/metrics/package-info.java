/**
 * Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder}s over the counters of the JGateway roles, one per
 * concern. Every meter reads the core counters when the registry asks (gauges and function counters): the engines
 * carry no Micrometer code. Meter names are listed in {@code docs/metrics.md}.
 */
package org.jgateway.spring.metrics;
