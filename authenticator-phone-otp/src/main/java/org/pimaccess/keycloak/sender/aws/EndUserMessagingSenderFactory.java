package org.pimaccess.keycloak.sender.aws;

import java.util.EnumSet;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;

/**
 * Sender {@value #PROVIDER_ID}: AWS End User Messaging SMS and voice v2. SMS with {@code SendTextMessage},
 * voice calls with {@code SendVoiceMessage}, whose SSML reads the code's digits slowly, twice.
 */
public class EndUserMessagingSenderFactory extends AwsSenderFactory<PinpointSmsVoiceV2Client> {

    public static final String PROVIDER_ID = "aws-end-user-messaging";
    static final String ORIGINATION_IDENTITY = "origination-identity";
    static final String VOICE_ID = "voice-id";
    static final String CONFIGURATION_SET = "configuration-set";

    private EndUserMessagingSender.Options options;

    @Override
    protected PinpointSmsVoiceV2Client buildClient(AwsClientSettings settings) {
        return settings.build(PinpointSmsVoiceV2Client.builder());
    }

    @Override
    protected void readOptions(Config.Scope config) {
        options = new EndUserMessagingSender.Options(config.get(ORIGINATION_IDENTITY), config.get(VOICE_ID),
                config.get(CONFIGURATION_SET));
    }

    @Override
    protected PhoneMessageSender create(LazyClient<PinpointSmsVoiceV2Client> client) {
        return new EndUserMessagingSender(client, options);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Set<DeliveryMethod> supportedMethods() {
        return EnumSet.allOf(DeliveryMethod.class);
    }

    @Override
    protected ProviderConfigurationBuilder addOptions(ProviderConfigurationBuilder shared) {
        return shared
                .property().name(ORIGINATION_IDENTITY).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Phone number, pool, sender ID or their ARN to send from. Voice calls need a voice-capable number.").add()
                .property().name(VOICE_ID).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Amazon Polly voice for calls, for example JOANNA. Empty: the service's default.").add()
                .property().name(CONFIGURATION_SET).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Configuration set that receives delivery events.").add();
    }
}
