package io.clientele.segment;

import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A name another segment has: 409 with the field named, as the API's other input errors name theirs. */
@RestControllerAdvice(assignableTypes = SavedSegmentApi.class)
class SegmentApiErrors {
    private final MessageSource messages;

    SegmentApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(SegmentNameTakenException.class)
    ProblemDetail nameTaken(SegmentNameTakenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        problem.setProperty(
                "errors",
                List.of(Map.of(
                        "field",
                        "name",
                        "code",
                        "segments.nameTaken",
                        "message",
                        messages.getMessage(
                                "segments.nameTaken", new Object[] {e.name()}, LocaleContextHolder.getLocale()))));
        return problem;
    }
}
