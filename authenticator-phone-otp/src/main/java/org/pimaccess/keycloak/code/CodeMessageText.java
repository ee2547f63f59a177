package org.pimaccess.keycloak.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;
import org.pimaccess.keycloak.hostname.PublicHostname;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * The text of a code message, in the user's language, from the realm's login theme (realm
 * localization overrides apply). The pack's own texts reach every theme through the JAR's
 * {@code theme-resources/messages}; should a theme lose them anyway, the pack's bundle is read
 * directly, so a custom theme never stops codes going out. It names the realm and the minutes the
 * code lives; an SMS ends with the Web OTP line {@code @host #code} so browsers can offer to fill the
 * code in, when the host is one the operator fixed ({@link PublicHostname}); otherwise without that line.
 */
public final class CodeMessageText {

    static final String SMS_KEY = "pimPhoneOtpSmsText";
    static final String VOICE_KEY = "pimPhoneOtpVoiceText";
    static final String BUNDLE = "theme-resources/messages/messages";
    /** Stands for the host while Keycloak has no fixed hostname; the Web OTP line that holds it is then cut. */
    private static final String NO_HOST = "\u0000";
    private static final String WEB_OTP_LINE = "\\s*@\u0000 #\\S+\\s*$";

    private CodeMessageText() {
    }

    /** @param locale the user's, as Keycloak resolves it; the sender gets the same with the message */
    public static String of(KeycloakSession session, Locale locale, DeliveryMethod method, String code, Duration ttl) {
        RealmModel realm = session.getContext().getRealm();
        Properties messages;
        try {
            messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        if (!messages.containsKey(keyOf(method))) {
            messages = packMessages(locale);
        }
        String host = PublicHostname.fixed(session) ? session.getContext().getUri().getBaseUri().getHost() : null;
        return text(messages, locale, method, realmName, code, minutes(ttl), host);
    }

    /** The message; with no host (none the operator fixed), an SMS without its Web OTP line. */
    static String text(Properties messages, Locale locale, DeliveryMethod method, String realmName, String code,
                       long minutes, String host) {
        if (host == null) {
            return format(messages, locale, method, realmName, code, minutes, NO_HOST).replaceFirst(WEB_OTP_LINE, "");
        }
        return format(messages, locale, method, realmName, code, minutes, host);
    }

    /** The pack's own bundle in the locale's language (and region, as in {@code pt_BR}), or English. */
    static Properties packMessages(Locale locale) {
        Properties messages = new Properties();
        for (String language : new String[] {"en", locale.getLanguage(), locale.toString()}) {
            try (InputStream in = CodeMessageText.class.getClassLoader()
                    .getResourceAsStream(BUNDLE + "_" + language + ".properties")) {
                if (in != null) {
                    messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    static String format(Properties messages, Locale locale, DeliveryMethod method, String realmName, String code,
                         long minutes, String host) {
        return new MessageFormat(messages.getProperty(keyOf(method)), locale).format(new Object[] {realmName, code, minutes, host});
    }

    private static String keyOf(DeliveryMethod method) {
        return method == DeliveryMethod.SMS ? SMS_KEY : VOICE_KEY;
    }

    /** Whole minutes, rounded up, so a person is never promised more time than they have. */
    static long minutes(Duration ttl) {
        return Math.max(1, (ttl.toSeconds() + 59) / 60);
    }
}
