package org.pimaccess.keycloak.home;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.services.ErrorResponseException;

/** Home's JSON errors, shaped like the org-admin API's: {@code {"error": "<code>", "message": "<text>"}}. */
final class HomeErrors {

    record HomeError(String error, String message) {
    }

    private HomeErrors() {
    }

    static ErrorResponseException unauthorized(String realm) {
        return new ErrorResponseException(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new HomeError("unauthorized", "A valid bearer access token of this realm is required."))
                .build());
    }

    static ErrorResponseException forbidden(String code, String message) {
        return error(Response.Status.FORBIDDEN, code, message);
    }

    static ErrorResponseException notFound(String message) {
        return error(Response.Status.NOT_FOUND, "not_found", message);
    }

    private static ErrorResponseException error(Response.Status status, String code, String message) {
        return new ErrorResponseException(Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new HomeError(code, message))
                .build());
    }
}
