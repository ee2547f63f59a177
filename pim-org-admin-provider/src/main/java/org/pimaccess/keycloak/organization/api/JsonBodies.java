package org.pimaccess.keycloak.organization.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;

import org.keycloak.util.JsonSerialization;

/** Request bodies: JSON only, at most {@link #MAX_BYTES}, parsed into records; anything else is a 400. */
final class JsonBodies {

    static final int MAX_BYTES = 64 * 1024;

    private JsonBodies() {
    }

    static <T> T read(String contentType, InputStream body, Class<T> type) {
        requireJson(contentType);
        return parse(readAtMost(body), type)
                .orElseThrow(() -> ApiErrors.badRequest("invalid_json", "The body is empty."));
    }

    /**
     * A body the call can do without: none at all, and an empty one, are no body, whatever the Content-Type says
     * (most HTTP clients send {@code application/json} with an empty body); a body that is there must be JSON.
     */
    static <T> Optional<T> optional(String contentType, InputStream body, Class<T> type) {
        byte[] bytes = readAtMost(body);
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        requireJson(contentType);
        return parse(bytes, type);
    }

    private static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw ApiErrors.badRequest("unsupported_content_type", "The body must be JSON (Content-Type: application/json).");
        }
    }

    private static <T> Optional<T> parse(byte[] bytes, Class<T> type) {
        try {
            return Optional.ofNullable(JsonSerialization.readValue(bytes, type));
        } catch (IOException e) {
            throw ApiErrors.badRequest("invalid_json", "The body is not the expected JSON object.");
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] readAtMost(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw ApiErrors.badRequest("body_too_large", "The body is larger than 64 KiB.");
            }
            return bytes;
        } catch (IOException e) {
            throw ApiErrors.badRequest("invalid_body", "The body could not be read.");
        }
    }
}
