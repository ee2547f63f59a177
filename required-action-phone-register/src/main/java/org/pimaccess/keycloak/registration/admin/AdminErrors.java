package org.pimaccess.keycloak.registration.admin;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponseException;

/**
 * The phone API's errors, in the pack's shape {@code {"error": "<code>", "message": "<text>"}}. Thrown as
 * Keycloak's {@link ErrorResponseException}, which returns the response as is and rolls the transaction back.
 */
final class AdminErrors {

    record ApiError(String error, String message) {
    }

    private AdminErrors() {
    }

    static ErrorResponseException badRequest(String code, String message) {
        return error(Response.Status.BAD_REQUEST, code, message);
    }

    static ErrorResponseException notFound(String code, String message) {
        return error(Response.Status.NOT_FOUND, code, message);
    }

    static ErrorResponseException error(Response.Status status, String code, String message) {
        return new ErrorResponseException(Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message))
                .build());
    }
}
