package org.pimaccess.keycloak.registration;

import org.keycloak.Config;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;

/**
 * Event listener {@value #PROVIDER_ID}: when a user removes a phone (account console, {@code delete_credential}),
 * mails them a notice. Enable it in the realm's event listeners.
 */
public class PhoneNoticeEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "pim-phone-notice";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getType() != EventType.REMOVE_CREDENTIAL || event.getDetails() == null
                        || !PhoneCredentialModel.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))) {
                    return;
                }
                RealmModel realm = session.realms().getRealm(event.getRealmId());
                UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
                if (user != null) {
                    PhoneNotice.phoneRemoved(session, realm, user, event.getDetails().get(Details.CREDENTIAL_USER_LABEL));
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
