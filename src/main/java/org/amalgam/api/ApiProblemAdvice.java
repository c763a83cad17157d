package org.amalgam.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error is an RFC 9457 problem detail with a message a person can act on. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid input");
        if (!e.errors().isEmpty()) {
            List<Map<String, Object>> errors = e.errors().stream()
                    .map(error -> error.line() == null
                            ? Map.<String, Object>of("field", error.field(), "message", error.message())
                            : Map.<String, Object>of(
                                    "field", error.field(), "message", error.message(), "line", error.line()))
                    .toList();
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String reason = e.getMostSpecificCause().getMessage();
        if (reason != null) {
            // keep the parser's first sentence; drop its source-location dump
            int cut = reason.indexOf(" at [Source");
            reason = (cut > 0 ? reason.substring(0, cut) : reason)
                    .lines()
                    .findFirst()
                    .orElse(reason);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The request body could not be read: it must be JSON of the shape the endpoint describes"
                        + (reason == null ? "." : " (" + reason + ")."));
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error in an API call", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing you sent was lost. The server log has the details.");
        problem.setTitle("Internal error");
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
