package io.clientele.campaign;

import java.util.List;
import java.util.Optional;

/**
 * The events a campaign step can invite to, as the events feature knows them. Declared here and implemented there, so
 * that the campaign, which that feature depends on, does not depend on it.
 */
public interface InvitableEvents {
    /** An event with a registration form. */
    record Choice(long id, String name) {}

    /** The events with a registration form and a session not yet ended, the soonest first. */
    List<Choice> open();

    /** The event's registration form's address below the public URL ({@code /f/<slug>}); empty when it has none. */
    Optional<String> registrationPath(long eventId);

    /** The event's name, when it exists. */
    Optional<String> name(long eventId);
}
