package org.pimaccess.keycloak.sender.aws;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Sender {@value #PROVIDER_ID}: SMS through Amazon SNS {@code Publish}, as Transactional messages. */
public class SnsSenderFactory extends AwsSenderFactory<SnsClient> {

    public static final String PROVIDER_ID = "aws-sns";
    static final String SENDER_ID = "sender-id";
    static final String ORIGINATION_NUMBER = "origination-number";

    private Map<String, MessageAttributeValue> attributes;

    @Override
    protected SnsClient buildClient(AwsClientSettings settings) {
        return settings.build(SnsClient.builder());
    }

    @Override
    protected void readOptions(Config.Scope config) {
        attributes = SnsSender.attributes(config.get(SENDER_ID), config.get(ORIGINATION_NUMBER));
    }

    @Override
    protected PhoneMessageSender create(LazyClient<SnsClient> client) {
        return new SnsSender(client, attributes);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Set<DeliveryMethod> supportedMethods() {
        return EnumSet.of(DeliveryMethod.SMS);
    }

    @Override
    protected ProviderConfigurationBuilder addOptions(ProviderConfigurationBuilder shared) {
        return shared
                .property().name(SENDER_ID).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Alphanumeric sender ID shown on the phone, where the destination country supports it.").add()
                .property().name(ORIGINATION_NUMBER).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("E.164 origination number or short code to send from.").add();
    }
}
