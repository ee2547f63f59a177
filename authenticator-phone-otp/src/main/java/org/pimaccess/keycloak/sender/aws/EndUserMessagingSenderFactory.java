package org.pimaccess.keycloak.sender.aws;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.PhoneMessageSenderFactory;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;

/**
 * Sender {@value #ID}: AWS End User Messaging SMS and voice v2. SMS with {@code SendTextMessage},
 * voice calls with {@code SendVoiceMessage}, whose SSML reads the code's digits slowly, twice.
 */
public class EndUserMessagingSenderFactory implements PhoneMessageSenderFactory {

    public static final String ID = "aws-end-user-messaging";
    static final String ORIGINATION_IDENTITY = "origination-identity";
    static final String VOICE_ID = "voice-id";
    static final String CONFIGURATION_SET = "configuration-set";

    private LazyClient<PinpointSmsVoiceV2Client> client;
    private EndUserMessagingSender.Options options;

    @Override
    public PhoneMessageSender create(KeycloakSession session) {
        return new EndUserMessagingSender(client, options);
    }

    @Override
    public void init(Config.Scope config) {
        AwsClientSettings settings = AwsClientSettings.from(config);
        client = new LazyClient<>(() -> settings.build(PinpointSmsVoiceV2Client.builder()));
        options = new EndUserMessagingSender.Options(config.get(ORIGINATION_IDENTITY), config.get(VOICE_ID),
                config.get(CONFIGURATION_SET));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<DeliveryMethod> supportedMethods() {
        return EnumSet.allOf(DeliveryMethod.class);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AwsClientSettings.properties()
                .property().name(ORIGINATION_IDENTITY).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Phone number, pool, sender ID or their ARN to send from. Voice calls need a voice-capable number.").add()
                .property().name(VOICE_ID).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Amazon Polly voice for calls, for example JOANNA. Empty: the service's default.").add()
                .property().name(CONFIGURATION_SET).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Configuration set that receives delivery events.").add()
                .build();
    }
}
