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
        Throwable cause = e.getMostSpecificCause();
        String detail;
        if (cause instanceof tools.jackson.core.exc.StreamReadException parse) {
            // broken JSON: say where, in the words of the parser, without its source dump
            String message = parse.getOriginalMessage();
            detail = "The request body is not valid JSON"
                    + (parse.getLocation() != null
                            ? " (line " + parse.getLocation().getLineNr() + ", column "
                                    + parse.getLocation().getColumnNr() + ")"
                            : "")
                    + (message == null
                            ? "."
                            : ": " + message.lines().findFirst().orElse(message) + ".");
        } else if (cause == e
                || e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            detail = "The request needs a JSON body; see the endpoint's description at /swagger-ui.html.";
        } else {
            detail = "The request body has the wrong shape: send a JSON object as the endpoint describes, e.g."
                    + " {\"first_name\": \"Ann\", \"email\": \"ann@example.com\"} for a record.";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
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
