package org.pimaccess.keycloak.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * The text of a code message, in the user's language, from the realm's login theme (realm
 * localization overrides apply). It names the realm and the minutes the code lives; an SMS ends
 * with the Web OTP line {@code @host #code} so browsers can offer to fill the code in.
 */
public final class CodeMessageText {

    static final String SMS_KEY = "pimPhoneOtpSmsText";
    static final String VOICE_KEY = "pimPhoneOtpVoiceText";

    private CodeMessageText() {
    }

    public static String of(KeycloakSession session, UserModel user, DeliveryMethod method, String code, Duration ttl) {
        RealmModel realm = session.getContext().getRealm();
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages;
        try {
            messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        String host = session.getContext().getUri().getBaseUri().getHost();
        return format(messages, locale, method, realmName, code, minutes(ttl), host);
    }

    static String format(Properties messages, Locale locale, DeliveryMethod method, String realmName, String code,
                         long minutes, String host) {
        String key = method == DeliveryMethod.SMS ? SMS_KEY : VOICE_KEY;
        String pattern = messages.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("The login theme has no message " + key + "; use theme 'pim' or one that extends it");
        }
        return new MessageFormat(pattern, locale).format(new Object[] {realmName, code, minutes, host});
    }

    /** Whole minutes, rounded up, so a person is never promised more time than they have. */
    static long minutes(Duration ttl) {
        return Math.max(1, (ttl.toSeconds() + 59) / 60);
    }
}
