package org.pimaccess.keycloak.sender;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The HTTPS client of the senders that speak plain HTTP ({@code http}, {@code twilio}): the JDK's
 * {@code java.net.http}, one per factory, with the same timeout options as the AWS senders. It never
 * retries, so a timeout never delivers a code twice. The client (and its selector thread) is built on
 * first use, so a server that never uses the sender runs none.
 */
public final class HttpGateway {

    public static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
    public static final String CALL_TIMEOUT_MS = "call-timeout-ms";
    /** Longer waits than this are read as this: the page should not send anyone away for a day. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration connectTimeout;
    private final Duration callTimeout;
    private volatile HttpClient client;

    public HttpGateway(Duration connectTimeout, Duration callTimeout) {
        this.connectTimeout = connectTimeout;
        this.callTimeout = callTimeout;
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = current;
                }
            }
        }
        return current;
    }

    public static HttpGateway from(Config.Scope config) {
        return new HttpGateway(Duration.ofMillis(Math.max(1, config.getInt(CONNECT_TIMEOUT_MS, 2000))),
                Duration.ofMillis(Math.max(1, config.getInt(CALL_TIMEOUT_MS, 5000))));
    }

    public static ProviderConfigurationBuilder addOptions(ProviderConfigurationBuilder options) {
        return options
                .property().name(CONNECT_TIMEOUT_MS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(2000)
                .helpText("Milliseconds to open a connection to the gateway.").add()
                .property().name(CALL_TIMEOUT_MS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5000)
                .helpText("Milliseconds one send may take in all. The user waits this long at most; there are no retries.").add();
    }

    /**
     * Sends the request; a failure to get any answer becomes {@code TIMEOUT} or {@code UNAVAILABLE}, marked
     * as possibly delivered unless the connection never opened.
     *
     * @param operation for the log, for example {@code Twilio Messages}
     */
    public HttpResponse<String> send(HttpRequest.Builder request, String operation) throws PhoneMessageSendException {
        try {
            return client().send(request.timeout(callTimeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new PhoneMessageSendException(PhoneMessageSendException.Reason.TIMEOUT,
                    operation + " could not be reached within " + connectTimeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw PhoneMessageSendException.afterSending(PhoneMessageSendException.Reason.TIMEOUT,
                    operation + " did not answer within " + callTimeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new PhoneMessageSendException(PhoneMessageSendException.Reason.UNAVAILABLE,
                    operation + " could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (IOException e) {
            // The connection broke after it was open: the request may have gone out.
            throw PhoneMessageSendException.afterSending(PhoneMessageSendException.Reason.UNAVAILABLE,
                    operation + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PhoneMessageSendException(PhoneMessageSendException.Reason.UNAVAILABLE,
                    operation + " was interrupted", e);
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpResponse<?> response, Clock clock) {
        String value = response.headers().firstValue("Retry-After").map(String::trim).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
