package org.pimaccess.keycloak.sender.aws;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

class SnsSender implements PhoneMessageSender {

    private final LazyClient<SnsClient> client;
    private final Map<String, MessageAttributeValue> attributes;

    /** @param attributes every message's SMS attributes, built once by the factory ({@link #attributes}) */
    SnsSender(LazyClient<SnsClient> client, Map<String, MessageAttributeValue> attributes) {
        this.client = client;
        this.attributes = attributes;
    }

    /** The attributes every {@code Publish} carries: Transactional, and the sender ID and origination number if set. */
    static Map<String, MessageAttributeValue> attributes(String senderId, String originationNumber) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
        if (senderId != null && !senderId.isBlank()) {
            attributes.put("AWS.SNS.SMS.SenderID", text(senderId));
        }
        if (originationNumber != null && !originationNumber.isBlank()) {
            attributes.put("AWS.MM.SMS.OriginationNumber", text(originationNumber));
        }
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public String send(PhoneMessage message) throws PhoneMessageSendException {
        try {
            return client.get().publish(PublishRequest.builder()
                    .phoneNumber(message.phoneNumber())
                    .message(message.text())
                    .messageAttributes(attributes)
                    .build()).messageId();
        } catch (SdkException e) {
            throw AwsErrors.classify("SNS Publish", e, null);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
