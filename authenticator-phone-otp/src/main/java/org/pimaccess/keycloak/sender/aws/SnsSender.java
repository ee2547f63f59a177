package org.pimaccess.keycloak.sender.aws;

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
    private final String senderId;
    private final String originationNumber;

    SnsSender(LazyClient<SnsClient> client, String senderId, String originationNumber) {
        this.client = client;
        this.senderId = senderId;
        this.originationNumber = originationNumber;
    }

    @Override
    public String send(PhoneMessage message) throws PhoneMessageSendException {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
        if (senderId != null && !senderId.isBlank()) {
            attributes.put("AWS.SNS.SMS.SenderID", text(senderId));
        }
        if (originationNumber != null && !originationNumber.isBlank()) {
            attributes.put("AWS.MM.SMS.OriginationNumber", text(originationNumber));
        }
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
