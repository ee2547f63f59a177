package org.pimaccess.keycloak.registration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tells the user by email, an independent channel, that a phone was added to or removed from their
 * account, so an attacker cannot change it silently. A mail that cannot go out is logged, never fatal.
 */
final class PhoneNotice {

    static final String ADDED_TEMPLATE = "phone-added.ftl";
    static final String ADDED_SUBJECT = "pimPhoneAddedSubject";
    static final String REMOVED_TEMPLATE = "phone-removed.ftl";
    static final String REMOVED_SUBJECT = "pimPhoneRemovedSubject";

    private static final Logger LOG = Logger.getLogger(PhoneNotice.class);

    private PhoneNotice() {
    }

    static void phoneAdded(KeycloakSession session, RealmModel realm, UserModel user, String maskedNumber) {
        send(session, realm, user, ADDED_SUBJECT, ADDED_TEMPLATE, maskedNumber);
    }

    /** @param phoneLabel the removed credential's label, which shows the number masked only */
    static void phoneRemoved(KeycloakSession session, RealmModel realm, UserModel user, String phoneLabel) {
        send(session, realm, user, REMOVED_SUBJECT, REMOVED_TEMPLATE, phoneLabel);
    }

    private static void send(KeycloakSession session, RealmModel realm, UserModel user, String subject, String template,
                             String phone) {
        if (user.getEmail() == null || user.getEmail().isBlank() || realm.getSmtpConfig() == null
                || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        // Keycloak adds its own attributes to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("phone", phone);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(subject, List.of(), template, attributes);
        } catch (EmailException e) {
            LOG.warnf("Could not send %s to user %s: %s", template, user.getId(), e.getMessage());
        }
    }
}
