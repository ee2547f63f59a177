package org.pimaccess.keycloak.sender.aws;

import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ConflictException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendTextMessageRequest;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.SendVoiceMessageRequest;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.ValidationException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.VoiceMessageBodyTextType;

class EndUserMessagingSender implements PhoneMessageSender {

    record Options(String originationIdentity, String voiceId, String configurationSet) {
    }

    private final LazyClient<PinpointSmsVoiceV2Client> client;
    private final Options options;

    EndUserMessagingSender(LazyClient<PinpointSmsVoiceV2Client> client, Options options) {
        this.client = client;
        this.options = options;
    }

    @Override
    public String send(PhoneMessage message) throws PhoneMessageSendException {
        try {
            return message.method() == DeliveryMethod.SMS ? sendText(message) : sendVoice(message);
        } catch (SdkException e) {
            String operation = message.method() == DeliveryMethod.SMS ? "SendTextMessage" : "SendVoiceMessage";
            throw AwsErrors.classify("End User Messaging " + operation, e, reasonOf(e));
        }
    }

    private String sendText(PhoneMessage message) {
        SendTextMessageRequest.Builder request = SendTextMessageRequest.builder()
                .destinationPhoneNumber(message.phoneNumber())
                .messageBody(message.text())
                .messageType(MessageType.TRANSACTIONAL);
        if (present(options.originationIdentity())) {
            request.originationIdentity(options.originationIdentity());
        }
        if (present(options.configurationSet())) {
            request.configurationSetName(options.configurationSet());
        }
        return client.get().sendTextMessage(request.build()).messageId();
    }

    private String sendVoice(PhoneMessage message) {
        SendVoiceMessageRequest.Builder request = SendVoiceMessageRequest.builder()
                .destinationPhoneNumber(message.phoneNumber())
                .messageBody(VoiceSsml.of(message.text(), message.code()))
                .messageBodyTextType(VoiceMessageBodyTextType.SSML);
        if (present(options.originationIdentity())) {
            request.originationIdentity(options.originationIdentity());
        }
        if (present(options.voiceId())) {
            request.voiceId(options.voiceId());
        }
        if (present(options.configurationSet())) {
            request.configurationSetName(options.configurationSet());
        }
        return client.get().sendVoiceMessage(request.build()).messageId();
    }

    /** The service's reason field, which its exception message does not carry. */
    private static String reasonOf(SdkException e) {
        if (e instanceof ConflictException conflict) {
            return conflict.reasonAsString();
        }
        if (e instanceof ServiceQuotaExceededException quota) {
            return quota.reasonAsString();
        }
        if (e instanceof ValidationException validation) {
            return validation.reasonAsString();
        }
        return null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
