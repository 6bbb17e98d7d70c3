package io.clientele.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The request does not fit the record's present state (a campaign that is no longer a draft, a name already
 * taken); nothing was changed. A 409 problem detail for the API.
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
