package org.amalgam.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** A path under {@code /api} that no endpoint serves is answered as a problem detail too, not an HTML page. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiPathAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> noEndpoint(NoResourceFoundException e, HttpServletRequest request)
            throws NoResourceFoundException {
        if (!request.getRequestURI().startsWith("/api/")) {
            throw e;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND,
                "There is no API endpoint " + request.getMethod() + " " + request.getRequestURI()
                        + ". The endpoints are described at /v3/api-docs and /swagger-ui.html.");
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
