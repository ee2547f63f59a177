package org.pimaccess.demo;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A refused acr goes to a page that says what is missing and offers to raise the session; any other
 * sign-in failure (the person cancelled, Keycloak answered an error) to a page that offers to try again.
 */
public class SessionTooWeakHandler implements AuthenticationFailureHandler {

    /** Session attribute: the {@link SessionStrength} of the refused token, for the page to name. */
    public static final String REFUSED = SessionTooWeakHandler.class.getName() + ".refused";

    private final AuthenticationFailureHandler otherFailures = new SimpleUrlAuthenticationFailureHandler("/sign-in-failed");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof SessionTooWeakException tooWeak) {
            request.getSession().setAttribute(REFUSED, tooWeak.had());
            response.sendRedirect(request.getContextPath() + "/session-too-weak");
            return;
        }
        otherFailures.onAuthenticationFailure(request, response, exception);
    }
}
