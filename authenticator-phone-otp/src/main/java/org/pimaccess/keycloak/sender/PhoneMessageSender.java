package org.pimaccess.keycloak.sender;

import org.keycloak.provider.Provider;

/** Carries one message to one phone over one delivery method. Implementations are per request and cheap. */
public interface PhoneMessageSender extends Provider {

    /**
     * Hands the message to the gateway.
     *
     * @return the gateway's id for the accepted message, for correlation in logs
     * @throws PhoneMessageSendException when the gateway did not accept the message
     */
    String send(PhoneMessage message) throws PhoneMessageSendException;

    @Override
    default void close() {
    }
}
