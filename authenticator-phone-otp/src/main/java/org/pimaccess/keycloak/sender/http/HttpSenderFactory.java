package org.pimaccess.keycloak.sender.http;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.CallLimit;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.PhoneMessageSenderFactory;

/**
 * Sender {@value #PROVIDER_ID}: a signed webhook. Each message is POSTed as JSON to {@code url} (https)
 * with {@code X-Pim-Timestamp}, {@code X-Pim-Message-Id} and
 * {@code X-Pim-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + messageId + "." + body)>},
 * for any gateway that can receive one. An unconfigured sender refuses to send rather than stop
 * the server from starting, since every deployed factory starts whether a realm uses it or not.
 */
public class HttpSenderFactory implements PhoneMessageSenderFactory {

    public static final String PROVIDER_ID = "http";
    static final String URL = "url";
    static final String HMAC_SECRET = "hmac-secret";
    static final String AUTHORIZATION = "authorization";
    static final String BODY_TEMPLATE = "body-template";
    static final String METHODS = "methods";

    private static final Logger LOG = Logger.getLogger(HttpSenderFactory.class);

    private HttpGateway gateway;
    private HttpSender.Options options;
    private Set<DeliveryMethod> methods;
    private CallLimit callLimit;

    @Override
    public PhoneMessageSender create(KeycloakSession session) {
        return new HttpSender(session, gateway, options, Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
        gateway = HttpGateway.from(config);
        callLimit = CallLimit.from(config);
        options = new HttpSender.Options(urlOf(config.get(URL), Environment.isDevMode()), config.get(HMAC_SECRET),
                config.get(AUTHORIZATION),
                new WebhookBody(config.get(BODY_TEMPLATE)));
        methods = methodsOf(config.get(METHODS));
    }

    /**
     * The webhook's URL, or null (the sender then refuses every send) when it is not https. Plain http
     * is accepted only for a loopback address while Keycloak runs in development mode ({@code start-dev}):
     * over any other http the HMAC secret's signature would still hold, but the code and number would
     * cross the network in clear text.
     */
    static URI urlOf(String value, boolean devMode) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI url;
        try {
            url = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url != null && url.getHost() != null) {
            if ("https".equalsIgnoreCase(url.getScheme())) {
                return url;
            }
            if ("http".equalsIgnoreCase(url.getScheme()) && devMode && isLoopback(url.getHost())) {
                return url;
            }
        }
        LOG.errorf("Phone message sender '%s': option '%s' must be an https URL (plain http only for a loopback "
                + "address under start-dev); the sender refuses every send until it is", PROVIDER_ID, URL);
        return null;
    }

    /** A loopback name or literal, decided without a DNS lookup. */
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.matches("127(\\.\\d{1,3}){3}") || name.equals("[::1]") || name.equals("::1");
    }

    /** {@code sms}, {@code voice} or both, comma-separated; SMS when empty. */
    static Set<DeliveryMethod> methodsOf(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.of(DeliveryMethod.SMS);
        }
        Set<DeliveryMethod> methods = EnumSet.noneOf(DeliveryMethod.class);
        for (String name : value.split("[,\\s]+")) {
            Optional<DeliveryMethod> method = DeliveryMethod.fromFormValue(name.trim());
            if (method.isPresent()) {
                methods.add(method.get());
            } else if (!name.isBlank()) {
                LOG.errorf("Phone message sender '%s': option '%s' names '%s', which is neither sms nor voice",
                        PROVIDER_ID, METHODS, name.trim());
            }
        }
        return methods;
    }

    @Override
    public Set<DeliveryMethod> supportedMethods() {
        return methods;
    }

    @Override
    public CallLimit callLimit() {
        return callLimit;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder options = ProviderConfigurationBuilder.create()
                .property().name(URL).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The webhook's https URL. Each message is POSTed there as JSON. Plain http only for a "
                        + "loopback address under start-dev; any other URL leaves the sender refusing every send.").add()
                .property().name(HMAC_SECRET).type(ProviderConfigProperty.PASSWORD)
                .helpText("Secret of the X-Pim-Signature HMAC-SHA256. ${vault.key} reads it from the realm's vault "
                        + "on each send (escape the $ on the command line: \\${vault.key}).").add()
                .property().name(AUTHORIZATION).type(ProviderConfigProperty.PASSWORD)
                .helpText("Optional Authorization header value, for example 'Bearer abc'. ${vault.key} allowed.").add()
                .property().name(BODY_TEMPLATE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional JSON body in another shape, with {{to}}, {{text}}, {{method}}, {{messageId}}, "
                        + "{{locale}} and {{code}} replaced by JSON-escaped values, for example "
                        + "{\"recipient\":\"{{to}}\",\"message\":\"{{text}}\"}.").add()
                .property().name(METHODS).type(ProviderConfigProperty.STRING_TYPE).defaultValue("sms")
                .helpText("What the gateway carries: sms, voice or sms,voice.").add();
        return CallLimit.addOption(HttpGateway.addOptions(options)).build();
    }
}
