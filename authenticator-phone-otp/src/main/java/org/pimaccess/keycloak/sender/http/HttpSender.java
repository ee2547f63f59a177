package org.pimaccess.keycloak.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;

import org.keycloak.models.KeycloakSession;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSendException.Reason;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.VaultSecrets;

/** POSTs one message as signed JSON to the configured webhook and reads its answer as a reason. */
class HttpSender implements PhoneMessageSender {

    static final String TIMESTAMP_HEADER = "X-Pim-Timestamp";
    static final String SIGNATURE_HEADER = "X-Pim-Signature";
    static final String MESSAGE_ID_HEADER = "X-Pim-Message-Id";

    /** What the factory read from its options; secrets still unresolved (they may name vault entries). */
    record Options(URI url, String hmacSecret, String authorization, WebhookBody body) {
    }

    private final KeycloakSession session;
    private final HttpGateway gateway;
    private final Options options;
    private final Clock clock;

    HttpSender(KeycloakSession session, HttpGateway gateway, Options options, Clock clock) {
        this.session = session;
        this.gateway = gateway;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public String send(PhoneMessage message) throws PhoneMessageSendException {
        if (options.url() == null) {
            throw new PhoneMessageSendException(Reason.UNAVAILABLE, "the http sender has no valid '"
                    + HttpSenderFactory.URL + "' (an https URL; see the server log at start)");
        }
        String secret = VaultSecrets.resolve(session, HttpSenderFactory.HMAC_SECRET, options.hmacSecret());
        if (secret == null) {
            throw new PhoneMessageSendException(Reason.UNAVAILABLE, "the http sender has no '"
                    + HttpSenderFactory.HMAC_SECRET + "' to sign with");
        }
        String messageId = UUID.randomUUID().toString();
        String body = options.body().of(message, messageId);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(options.url())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(MESSAGE_ID_HEADER, messageId)
                .header(SIGNATURE_HEADER, WebhookSignature.of(secret, timestamp, messageId, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        String authorization = VaultSecrets.resolve(session, HttpSenderFactory.AUTHORIZATION, options.authorization());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = gateway.send(request, "Webhook " + message.method().formValue());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return messageId;
        }
        // The answer's body is not logged: a gateway may echo the number or the text back.
        String what = "Webhook " + message.method().formValue() + " answered HTTP " + status;
        if (status == 429) {
            throw PhoneMessageSendException.throttled(what, HttpGateway.retryAfter(response, clock));
        }
        if (status == 400 || status == 404 || status == 422) {
            throw new PhoneMessageSendException(Reason.INVALID_NUMBER, what);
        }
        if (status >= 500) {
            throw PhoneMessageSendException.afterSending(Reason.UNAVAILABLE, what, null);
        }
        throw new PhoneMessageSendException(Reason.UNAVAILABLE, what);
    }
}
