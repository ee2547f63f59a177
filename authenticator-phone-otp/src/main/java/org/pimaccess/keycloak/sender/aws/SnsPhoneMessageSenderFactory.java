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
import software.amazon.awssdk.services.sns.SnsClient;

/** Sender {@value #ID}: SMS through Amazon SNS {@code Publish}, as Transactional messages. */
public class SnsPhoneMessageSenderFactory implements PhoneMessageSenderFactory {

    public static final String ID = "aws-sns";
    static final String SENDER_ID = "sender-id";
    static final String ORIGINATION_NUMBER = "origination-number";

    private LazyClient<SnsClient> client;
    private String senderId;
    private String originationNumber;

    @Override
    public PhoneMessageSender create(KeycloakSession session) {
        return new SnsPhoneMessageSender(client, senderId, originationNumber);
    }

    @Override
    public void init(Config.Scope config) {
        AwsClientSettings settings = AwsClientSettings.from(config);
        client = new LazyClient<>(() -> settings.build(SnsClient.builder()));
        senderId = config.get(SENDER_ID);
        originationNumber = config.get(ORIGINATION_NUMBER);
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
        return EnumSet.of(DeliveryMethod.SMS);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AwsClientSettings.properties()
                .property().name(SENDER_ID).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Alphanumeric sender ID shown on the phone, where the destination country supports it.").add()
                .property().name(ORIGINATION_NUMBER).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("E.164 origination number or short code to send from.").add()
                .build();
    }
}
