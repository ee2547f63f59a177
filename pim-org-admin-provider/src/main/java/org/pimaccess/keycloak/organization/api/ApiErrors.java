package org.pimaccess.keycloak.organization.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.services.ErrorResponseException;

/**
 * The API's errors: JSON {@code {"error": "<code>", "message": "<text>"}}. Thrown as Keycloak's
 * {@link ErrorResponseException}, which returns the response as is and rolls the transaction back.
 */
final class ApiErrors {

    record ApiError(String error, String message) {
    }

    private ApiErrors() {
    }

    static ErrorResponseException badRequest(String code, String message) {
        return error(Response.Status.BAD_REQUEST, code, message);
    }

    static ErrorResponseException unauthorized(String realm) {
        return new ErrorResponseException(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("unauthorized", "A valid bearer access token of this realm, issued for the "
                        + "org-admin API (audience " + ApiSettings.AUDIENCE + "), is required."))
                .build());
    }

    /** 429 {@code too_many_invitations}, with the seconds until a new invitation may be sent. */
    static ErrorResponseException tooManyInvitations(long retryAfterSeconds, String message) {
        return tooSoon("too_many_invitations", retryAfterSeconds, message);
    }

    /** 429 with the seconds until the call may be made again. */
    static ErrorResponseException tooSoon(String code, long retryAfterSeconds, String message) {
        return new ErrorResponseException(Response.status(Response.Status.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message))
                .build());
    }

    static ErrorResponseException forbidden(String code, String message) {
        return error(Response.Status.FORBIDDEN, code, message);
    }

    static ErrorResponseException notFound(String code, String message) {
        return error(Response.Status.NOT_FOUND, code, message);
    }

    static ErrorResponseException conflict(String code, String message) {
        return error(Response.Status.CONFLICT, code, message);
    }

    static ErrorResponseException error(Response.Status status, String code, String message) {
        return new ErrorResponseException(Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message))
                .build());
    }
}
