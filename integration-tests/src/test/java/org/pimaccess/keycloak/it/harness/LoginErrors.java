package org.pimaccess.keycloak.it.harness;

import java.time.Duration;
import java.util.List;

import org.keycloak.representations.idm.EventRepresentation;

/** Reads a user's {@code LOGIN_ERROR} events, waiting for the one a test expects. */
public final class LoginErrors {

    private LoginErrors() {
    }

    /** The user's newest {@code LOGIN_ERROR} event with this error, once it is stored. */
    public static EventRepresentation await(PimKeycloak keycloak, String userId, String error) {
        return awaitCount(keycloak, userId, error, 1).get(0);
    }

    /** At least {@code count} of the user's {@code LOGIN_ERROR} events with this error, newest first. */
    public static List<EventRepresentation> awaitCount(PimKeycloak keycloak, String userId, String error, int count) {
        return Poll.until(Duration.ofSeconds(60), () -> of(keycloak, userId, error),
                events -> events.size() >= count, count + " " + error + " event(s) of user " + userId);
    }

    public static List<EventRepresentation> of(PimKeycloak keycloak, String userId, String error) {
        return keycloak.realm().getEvents(List.of("LOGIN_ERROR"), null, userId, null, null, null, 0, 100).stream()
                .filter(event -> error.equals(event.getError()))
                .toList();
    }
}
