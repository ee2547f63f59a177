package org.pimaccess.keycloak.sender;

import java.util.Set;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/** Holds a sender's long-lived resources, such as SDK clients and its bulkhead, for the life of the server. */
public interface PhoneMessageSenderFactory extends ProviderFactory<PhoneMessageSender> {

    /** The delivery methods this sender can carry. */
    Set<DeliveryMethod> supportedMethods();

    /** This node's bulkhead for the sender, read from {@value CallLimit#MAX_CONCURRENT_CALLS} at init. */
    CallLimit callLimit();

    /** Senders need no other provider to start. */
    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    /** Senders that hold clients close them; the others hold nothing to close. */
    @Override
    default void close() {
    }
}
