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
 * Tells the user by email, an independent channel, that a phone was added to their account, so an
 * attacker who added one cannot do so silently. A mail that cannot go out is logged, never fatal.
 */
final class PhoneNotice {

    static final String TEMPLATE = "phone-added.ftl";
    static final String SUBJECT = "pimPhoneAddedSubject";

    private static final Logger LOG = Logger.getLogger(PhoneNotice.class);

    private PhoneNotice() {
    }

    static void phoneAdded(KeycloakSession session, RealmModel realm, UserModel user, String maskedNumber) {
        if (user.getEmail() == null || user.getEmail().isBlank() || realm.getSmtpConfig() == null
                || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        // Keycloak adds its own attributes to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("maskedNumber", maskedNumber);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(SUBJECT, List.of(), TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf("Could not send the phone-added notice to user %s: %s", user.getId(), e.getMessage());
        }
    }
}
