package io.clientele.platform.web;

import io.clientele.platform.InvalidInputException;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Bad input that reaches a page without a form to show it again on (a form field the boundary refused, a forged
 * parameter): the error page, status 400, listing each field with its problem where the input names them. After {@link ApiErrors}, which
 * answers the API's controllers with problem details.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {
    /** One refused field as the page lists it. */
    record Problem(String field, String message) {}

    private final MessageSource messages;

    PageErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e) {
        List<Problem> problems = e.problems().stream()
                .map(p -> new Problem(
                        p.field(),
                        messages.getMessage(p.code(), p.args().toArray(), p.code(), LocaleContextHolder.getLocale())))
                .toList();
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        page.addObject("problems", problems);
        return page;
    }

    /** A parameter a page could not use (an unknown status in a link edited by hand): 400, not a server error. */
    @ExceptionHandler(IllegalArgumentException.class)
    ModelAndView badParameter(IllegalArgumentException e) {
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        return page;
    }
}
