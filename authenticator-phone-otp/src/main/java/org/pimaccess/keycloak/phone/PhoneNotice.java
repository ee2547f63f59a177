package org.pimaccess.keycloak.phone;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * Tells the user by email, an independent channel, that a phone or a passkey was added to or removed from
 * their account, so an attacker cannot change their second factors silently. A mail that cannot go out is logged, never fatal;
 * only the reset mail, which carries the one way back to a phone, must go out (see {@link PhoneReset}).
 * The templates ship in the JAR's {@code theme-resources}, so they work under any email theme.
 */
public final class PhoneNotice {

    /** Each mail: its template (html and text) and the message key of its subject. */
    enum Mail {
        ADDED("phone-added.ftl", "pimPhoneAddedSubject"),
        REMOVED("phone-removed.ftl", "pimPhoneRemovedSubject"),
        RESET("phone-reset.ftl", "pimPhonesResetSubject"),
        EMAIL_CHANGED("email-changed.ftl", "pimEmailChangedSubject"),
        PASSKEY_ADDED("passkey-added.ftl", "pimPasskeyAddedSubject"),
        PASSKEY_REMOVED("passkey-removed.ftl", "pimPasskeyRemovedSubject"),
        BROWSER_TRUSTED("browser-trusted.ftl", "pimBrowserTrustedSubject");

        final String template;
        final String subject;

        Mail(String template, String subject) {
            this.template = template;
            this.subject = subject;
        }
    }

    private static final Logger LOG = Logger.getLogger(PhoneNotice.class);

    private PhoneNotice() {
    }

    public static void phoneAdded(KeycloakSession session, RealmModel realm, UserModel user, String maskedNumber) {
        send(session, realm, user, Mail.ADDED, maskedNumber);
    }

    /** @param phoneLabel the removed credential's label, which shows the number masked only */
    public static void phoneRemoved(KeycloakSession session, RealmModel realm, UserModel user, String phoneLabel) {
        send(session, realm, user, Mail.REMOVED, phoneLabel);
    }

    /** @param passkeyName the name the person gave the passkey (their own text: the HTML part gets it escaped) */
    public static void passkeyAdded(KeycloakSession session, RealmModel realm, UserModel user, String passkeyName) {
        send(session, realm, user, Mail.PASSKEY_ADDED, passkeyAttributes(passkeyName));
    }

    /** @param passkeyName the removed passkey's name, as the person gave it */
    public static void passkeyRemoved(KeycloakSession session, RealmModel realm, UserModel user, String passkeyName) {
        send(session, realm, user, Mail.PASSKEY_REMOVED, passkeyAttributes(passkeyName));
    }

    /**
     * "Chrome on Windows is trusted until ...": the browser now signs in without a code, so the person hears of it
     * on the independent channel, with what to do if it was not them.
     */
    public static void browserTrusted(KeycloakSession session, RealmModel realm, UserModel user, String browser, String os,
                                      long expiresAtMillis) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("browser", browser);
        attributes.put("browserHtml", escapeHtml(browser));
        attributes.put("os", os);
        attributes.put("osHtml", escapeHtml(os));
        attributes.put("until", DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochMilli(expiresAtMillis).atZone(ZoneOffset.UTC)));
        send(session, realm, user, Mail.BROWSER_TRUSTED, attributes);
    }

    private static Map<String, Object> passkeyAttributes(String passkeyName) {
        String shown = passkeyName == null || passkeyName.isBlank() ? "-" : passkeyName;
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("passkey", shown);
        attributes.put("passkeyHtml", escapeHtml(shown));
        return attributes;
    }

    /**
     * "Your phones were reset by {@code resetBy}", with the link that leads to registering a new phone.
     * Without {@code resetBy} it is the same link asked for again at sign-in.
     *
     * @throws EmailException when the mail cannot go out: the caller decides, as the link is the only way back
     */
    static void phonesReset(KeycloakSession session, RealmModel realm, UserModel user, String resetBy, String link,
                            long linkMinutes) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        if (resetBy != null) {
            attributes.put("resetBy", resetBy);
            // The HTML part sanitizes its message, which keeps links: a name such as <a href=...> must stay text.
            attributes.put("resetByHtml", escapeHtml(resetBy));
        }
        attributes.put("link", link);
        attributes.put("linkExpiration", linkMinutes);
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send(Mail.RESET.subject, List.of(), Mail.RESET.template, attributes);
    }

    /**
     * "The email address of your account was changed to ...", to the address it had before: whoever
     * changed it, the owner of the old address learns of it.
     */
    public static void emailChanged(KeycloakSession session, RealmModel realm, UserModel user, String oldEmail, String newEmail) {
        if (oldEmail == null || oldEmail.isBlank() || oldEmail.equalsIgnoreCase(newEmail)) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        String shown = newEmail == null || newEmail.isBlank() ? "-" : newEmail;
        attributes.put("newEmail", shown);
        attributes.put("newEmailHtml", escapeHtml(shown));
        send(session, realm, at(user, oldEmail), Mail.EMAIL_CHANGED, attributes);
    }

    /** The user as Keycloak's mail templates see them, with mail going to {@code email}. */
    static UserModel at(UserModel user, String email) {
        return new UserModelDelegate(user) {
            @Override
            public String getEmail() {
                return email;
            }
        };
    }

    private static void send(KeycloakSession session, RealmModel realm, UserModel user, Mail mail, String phone) {
        // Keycloak adds its own attributes to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("phone", phone);
        send(session, realm, user, mail, attributes);
    }

    private static void send(KeycloakSession session, RealmModel realm, UserModel user, Mail mail,
                             Map<String, Object> attributes) {
        if (user.getEmail() == null || user.getEmail().isBlank() || realm.getSmtpConfig() == null
                || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(mail.subject, List.of(), mail.template, attributes);
        } catch (EmailException e) {
            LOG.warnf("Could not send %s to user %s: %s", mail.template, user.getId(), e.getMessage());
        }
    }

    private static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
