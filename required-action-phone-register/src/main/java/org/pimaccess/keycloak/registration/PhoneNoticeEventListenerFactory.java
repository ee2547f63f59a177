package org.pimaccess.keycloak.registration;

import java.util.Map;
import java.util.function.BiConsumer;

import org.keycloak.Config;
import org.keycloak.WebAuthnConstants;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.pimaccess.keycloak.phone.PersonPhones;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneNotice;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * Event listener {@value #PROVIDER_ID}, Keycloak's own changes as the phones' owner ({@link PersonPhones}) must
 * hear of them: a phone removed in the account console ({@code REMOVE_CREDENTIAL}) or the admin console
 * (admin event on {@code users/{id}/credentials/{id}}) gets its meter and notice mail; a changed email address
 * ({@code UPDATE_EMAIL}, {@code UPDATE_PROFILE}) gets a notice at the old address; a passkey added
 * ({@code UPDATE_CREDENTIAL} of Keycloak's passkey registration) or removed (account console or admin console) gets
 * its notice mail, from the same place as the phones' ({@link PhoneNotice}); an account a realm admin disabled loses
 * its trusted browsers. Enable it in the realm's event listeners.
 */
public class PhoneNoticeEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "pim-phone-notice";
    /** Keycloak's credential type of a passkey (passwordless WebAuthn). */
    private static final String PASSKEY = WebAuthnCredentialModel.TYPE_PASSWORDLESS;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
                String type = details.get(Details.CREDENTIAL_TYPE);
                if (event.getType() == EventType.REMOVE_CREDENTIAL && PhoneCredentialModel.TYPE.equals(type)) {
                    withUser(event.getRealmId(), event.getUserId(), (realm, user) ->
                            PersonPhones.removedByKeycloak(session, realm, user, details.get(Details.CREDENTIAL_USER_LABEL)));
                } else if (event.getType() == EventType.UPDATE_CREDENTIAL && event.getError() == null && PASSKEY.equals(type)) {
                    // Keycloak's passkey registration names the new passkey in this detail
                    withUser(event.getRealmId(), event.getUserId(), (realm, user) ->
                            PhoneNotice.passkeyAdded(session, realm, user, details.get(WebAuthnConstants.PUBKEY_CRED_LABEL_ATTR)));
                } else if (event.getType() == EventType.REMOVE_CREDENTIAL && event.getError() == null && PASSKEY.equals(type)) {
                    withUser(event.getRealmId(), event.getUserId(), (realm, user) ->
                            PhoneNotice.passkeyRemoved(session, realm, user, details.get(Details.CREDENTIAL_USER_LABEL)));
                } else if ((event.getType() == EventType.UPDATE_EMAIL || event.getType() == EventType.UPDATE_PROFILE)
                        && details.containsKey(Details.PREVIOUS_EMAIL)) {
                    withUser(event.getRealmId(), event.getUserId(), (realm, user) -> PhoneNotice.emailChanged(session, realm, user,
                            details.get(Details.PREVIOUS_EMAIL), details.get(Details.UPDATED_EMAIL)));
                }
            }

            /**
             * The admin console's (or admin REST API's) delete of a user's phone credential or passkey; an account it
             * disabled loses its trusted browsers, so that enabling it again does not bring them back.
             */
            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
                String path = event.getResourcePath() == null ? "" : event.getResourcePath();
                String[] parts = path.split("/");
                if (event.getOperationType() == OperationType.UPDATE && parts.length == 2 && "users".equals(parts[0])) {
                    withUser(event.getRealmId(), parts[1], (realm, user) -> {
                        if (!user.isEnabled()) {
                            TrustedBrowsers.forgetAll(user);
                        }
                    });
                    return;
                }
                if (event.getOperationType() != OperationType.ACTION || parts.length != 4 || !"users".equals(parts[0])
                        || !"credentials".equals(parts[2])) {
                    return;
                }
                String type = details.get(Details.CREDENTIAL_TYPE);
                if (PhoneCredentialModel.TYPE.equals(type)) {
                    withUser(event.getRealmId(), parts[1], (realm, user) ->
                            PersonPhones.removedByKeycloak(session, realm, user, details.get(Details.CREDENTIAL_USER_LABEL)));
                } else if (PASSKEY.equals(type)) {
                    withUser(event.getRealmId(), parts[1], (realm, user) ->
                            PhoneNotice.passkeyRemoved(session, realm, user, details.get(Details.CREDENTIAL_USER_LABEL)));
                }
            }

            private void withUser(String realmId, String userId, BiConsumer<RealmModel, UserModel> action) {
                RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
                UserModel user = realm == null || userId == null ? null : session.users().getUserById(realm, userId);
                if (user != null) {
                    action.accept(realm, user);
                }
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
