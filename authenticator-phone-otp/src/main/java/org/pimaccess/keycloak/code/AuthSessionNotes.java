package org.pimaccess.keycloak.code;

import org.keycloak.sessions.AuthenticationSessionModel;

/** Code state in the authentication session: cluster-wide, and gone when the sign-in ends. */
record AuthSessionNotes(AuthenticationSessionModel session) implements CodeChallenge.Notes {

    @Override
    public String get(String name) {
        return session.getAuthNote(name);
    }

    @Override
    public void set(String name, String value) {
        session.setAuthNote(name, value);
    }

    @Override
    public void remove(String name) {
        session.removeAuthNote(name);
    }
}
