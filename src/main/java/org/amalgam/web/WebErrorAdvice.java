package org.amalgam.web;

import jakarta.servlet.http.HttpServletResponse;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Pages answer a missing thing or a bad input with the error page and a message that says what to do. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class WebErrorAdvice {

    @ExceptionHandler
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), model, response);
    }

    @ExceptionHandler
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        return error(HttpStatus.CONFLICT, e.getMessage(), model, response);
    }

    @ExceptionHandler
    String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), model, response);
    }

    private static String error(HttpStatus status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("error", status.getReasonPhrase());
        model.addAttribute("message", message);
        return "error";
    }
}
