package org.pimaccess.keycloak.sender.twilio;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;

/**
 * Twilio's error answers ({@code {"code": 21211, "message": ..., "status": 400}}) as our reasons:
 * 21211 and 21614 invalid number, 21610 opted out, 20429 and HTTP 429 throttled, anything else
 * (5xx, bad credentials, a bad {@code from}) unavailable.
 */
final class TwilioErrors {

    private TwilioErrors() {
    }

    static PhoneMessageSendException classify(String operation, HttpResponse<String> response, Clock clock) {
        int status = response.statusCode();
        int code = errorCode(response.body());
        // Twilio's message may quote the number, so only the code and status reach the log.
        String what = operation + " answered HTTP " + status + (code == 0 ? "" : ", Twilio error " + code);
        if (status == 429 || code == 20429) {
            return PhoneMessageSendException.throttled(what, HttpGateway.retryAfter(response, clock));
        }
        if (status >= 500) {
            // The request reached Twilio: a 5xx may come after the message was queued.
            return PhoneMessageSendException.afterSending(reasonOf(status, code), what, null);
        }
        return new PhoneMessageSendException(reasonOf(status, code), what);
    }

    private static Reason reasonOf(int status, int code) {
        if (status >= 500) {
            return Reason.UNAVAILABLE;
        }
        return switch (code) {
            case 21211, 21614 -> Reason.INVALID_NUMBER;
            case 21610 -> Reason.OPTED_OUT;
            default -> Reason.UNAVAILABLE;
        };
    }

    private static int errorCode(String body) {
        if (body == null || body.isBlank()) {
            return 0;
        }
        try {
            JsonNode json = JsonSerialization.readValue(body, JsonNode.class);
            return json.path("code").asInt(0);
        } catch (IOException notJson) {
            return 0;
        }
    }
}
