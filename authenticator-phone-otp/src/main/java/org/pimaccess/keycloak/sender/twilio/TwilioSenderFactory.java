package org.pimaccess.keycloak.sender.twilio;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.CallLimit;
import org.pimaccess.keycloak.sender.HttpGateway;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.PhoneMessageSenderFactory;

/**
 * Sender {@value #PROVIDER_ID}: Twilio over its REST API with the JDK's HTTP client. Twilio's Java SDK
 * is not used: it brings its own Jackson, Apache HttpClient, commons-codec and commons-io in versions
 * older than Keycloak's, which would clash on Keycloak's class path, and 5.7 MB for two endpoints.
 */
public class TwilioSenderFactory implements PhoneMessageSenderFactory {

    public static final String PROVIDER_ID = "twilio";
    static final String ACCOUNT_SID = "account-sid";
    static final String AUTH_TOKEN = "auth-token";
    static final String FROM = "from";
    static final String MESSAGING_SERVICE_SID = "messaging-service-sid";
    static final String ENDPOINT_OVERRIDE = "endpoint-override";
    static final URI API = URI.create("https://api.twilio.com");

    private HttpGateway gateway;
    private TwilioSender.Options options;
    private CallLimit callLimit;

    @Override
    public PhoneMessageSender create(KeycloakSession session) {
        return new TwilioSender(session, gateway, options, Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
        gateway = HttpGateway.from(config);
        callLimit = CallLimit.from(config);
        String endpoint = config.get(ENDPOINT_OVERRIDE);
        options = new TwilioSender.Options(endpoint == null || endpoint.isBlank() ? API : URI.create(endpoint.trim()),
                config.get(ACCOUNT_SID), config.get(AUTH_TOKEN), config.get(FROM), config.get(MESSAGING_SERVICE_SID));
    }

    @Override
    public Set<DeliveryMethod> supportedMethods() {
        return EnumSet.allOf(DeliveryMethod.class);
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
                .property().name(ACCOUNT_SID).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Twilio account SID (AC...).").add()
                .property().name(AUTH_TOKEN).type(ProviderConfigProperty.PASSWORD)
                .helpText("Twilio auth token. ${vault.key} reads it from the realm's vault on each send "
                        + "(escape the $ on the command line: \\${vault.key}).").add()
                .property().name(FROM).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("E.164 Twilio number to send from. Needed for voice calls, and for SMS without a Messaging Service.").add()
                .property().name(MESSAGING_SERVICE_SID).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Messaging Service SID (MG...) for SMS; takes precedence over 'from' for SMS.").add()
                .property().name(ENDPOINT_OVERRIDE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Send API calls to this URL instead of https://api.twilio.com, for a local fake.").add();
        return CallLimit.addOption(HttpGateway.addOptions(options)).build();
    }
}
