package org.pimaccess.keycloak.organization.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.organization.activity.TrailDetails;
import org.pimaccess.keycloak.organization.api.SignInPolicyResource.PolicyView;

/**
 * Tells an organization's other admins that its sign-in policy changed, who changed it, and from what to what, each
 * in their own language (template {@value #TEMPLATE}, html and text, shipped in the JAR's {@code theme-resources}).
 * A mail that cannot go out is logged, never fatal: the change is in the trail either way.
 */
final class SignInPolicyMail {

    static final String TEMPLATE = "pim-sign-in-policy-changed.ftl";
    static final String SUBJECT = "pimSignInPolicyChangedSubject";
    /** The admins told: an organization has a handful; a runaway one does not turn a change into a mail storm. */
    static final int MAX_ADMINS = 50;

    private static final Logger LOG = Logger.getLogger(SignInPolicyMail.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    SignInPolicyMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void send(OrganizationModel organization, UserModel changedBy, PolicyView before, PolicyView after, List<UserModel> admins) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        for (UserModel admin : admins) {
            if (admin.getEmail() == null || admin.getEmail().isBlank()) {
                continue;
            }
            // Keycloak adds its own attributes to this map, so it must be mutable.
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("organization", organization.getName());
            attributes.put("changedBy", TrailDetails.name(changedBy));
            attributes.put("levelBefore", before.level());
            attributes.put("levelAfter", after.level());
            attributes.put("daysBefore", before.trustedBrowserDays());
            attributes.put("daysAfter", after.trustedBrowserDays());
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(admin)
                        .send(SUBJECT, List.of(organization.getName()), TEMPLATE, attributes);
            } catch (EmailException e) {
                LOG.warnf("Could not send %s to user %s: %s", TEMPLATE, admin.getId(), e.getMessage());
            }
        }
    }
}
