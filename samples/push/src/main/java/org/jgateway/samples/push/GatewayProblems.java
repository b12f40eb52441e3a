package org.jgateway.samples.push;

import org.jgateway.client.GatewayException;
import org.jgateway.client.GatewayQueryException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns Gateway API failures into RFC 9457 problem details. Extending {@link ResponseEntityExceptionHandler} gives
 * Spring MVC's own errors (a missing body, say) the same shape.
 */
@RestControllerAdvice
class GatewayProblems extends ResponseEntityExceptionHandler {

    /**
     * A gateway did not answer: GatewayWorker would silently count fewer clients; an incomplete answer is a 503
     * that names the gateways, so a caller can retry instead of acting on a wrong count.
     */
    @ExceptionHandler
    ProblemDetail incompleteAnswer(GatewayQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Not every gateway answered: the result would be incomplete.");
        problem.setTitle("Gateway did not answer");
        problem.setProperty("missingGateways", e.missingGateways());
        return problem;
    }

    /** No register reachable, so no gateway is known (the cluster is down or {@code register-address} is wrong). */
    @ExceptionHandler
    ProblemDetail clusterUnavailable(GatewayException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Gateway cluster unavailable");
        return problem;
    }

    /** A malformed client_id, an empty uid or group: the caller's mistake. */
    @ExceptionHandler
    ProblemDetail invalidArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid argument");
        return problem;
    }
}
