package org.jgateway.bench.scenario;

import org.jgateway.bench.Args;
import org.jgateway.bench.report.Result;

/** One benchmark scenario: reads its options, drives the target, returns its figures. */
public interface Scenario {

    Result run(Args args) throws Exception;
}
