package org.pimaccess.demo;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A verified ID token whose acr is below what this application requires. */
public class SessionTooWeakException extends OAuth2AuthenticationException {

    /** The error code of RFC 9470 (OAuth 2.0 Step Up Authentication Challenge). */
    public static final String ERROR_CODE = "insufficient_user_authentication";

    private final SessionStrength had;

    public SessionTooWeakException(SessionStrength had, SessionStrength required) {
        super(new OAuth2Error(ERROR_CODE, "acr " + had.acr() + " is below " + required.acr(), null));
        this.had = had;
    }

    public SessionStrength had() {
        return had;
    }
}
