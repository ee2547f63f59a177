package org.pimaccess.keycloak.code;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * Every security-relevant number of phone codes, with its default, in one place. Sign-in and phone
 * registration read the same policy from their admin-console configuration.
 */
public record PhoneOtpPolicy(int codeLength, Duration codeTtl, int maxCodeFailures, Duration resendCooldown,
                             int userSendCap, int phoneSendCap, int ipSendCap, Duration sendCapWindow,
                             Set<String> allowedCountries, String smsSender, String voiceSender) {

    public static final String CODE_LENGTH = "code-length";
    public static final String CODE_TTL_SECONDS = "code-ttl-seconds";
    public static final String MAX_CODE_FAILURES = "max-code-failures";
    public static final String RESEND_COOLDOWN_SECONDS = "resend-cooldown-seconds";
    public static final String USER_SEND_CAP = "user-send-cap";
    public static final String PHONE_SEND_CAP = "phone-send-cap";
    public static final String IP_SEND_CAP = "ip-send-cap";
    public static final String SEND_CAP_WINDOW_SECONDS = "send-cap-window-seconds";
    public static final String ALLOWED_COUNTRIES = "allowed-countries";
    public static final String SMS_SENDER = "sms-sender";
    public static final String VOICE_SENDER = "voice-sender";

    public static final int MIN_CODE_LENGTH = 6;
    public static final int MAX_CODE_LENGTH = 10;

    public static final PhoneOtpPolicy DEFAULTS = new PhoneOtpPolicy(6, Duration.ofSeconds(120), 5, Duration.ofSeconds(30),
            10, 10, 30, Duration.ofHours(1), Set.of(), "aws-sns", "aws-end-user-messaging");

    /** Reads an authenticator or required-action configuration; missing or unreadable values take the default. */
    public static PhoneOtpPolicy from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new PhoneOtpPolicy(
                Math.max(MIN_CODE_LENGTH, Math.min(MAX_CODE_LENGTH, intOf(c, CODE_LENGTH, DEFAULTS.codeLength))),
                Duration.ofSeconds(Math.max(1, intOf(c, CODE_TTL_SECONDS, (int) DEFAULTS.codeTtl.toSeconds()))),
                Math.max(1, intOf(c, MAX_CODE_FAILURES, DEFAULTS.maxCodeFailures)),
                Duration.ofSeconds(Math.max(0, intOf(c, RESEND_COOLDOWN_SECONDS, (int) DEFAULTS.resendCooldown.toSeconds()))),
                intOf(c, USER_SEND_CAP, DEFAULTS.userSendCap),
                intOf(c, PHONE_SEND_CAP, DEFAULTS.phoneSendCap),
                intOf(c, IP_SEND_CAP, DEFAULTS.ipSendCap),
                Duration.ofSeconds(Math.max(1, intOf(c, SEND_CAP_WINDOW_SECONDS, (int) DEFAULTS.sendCapWindow.toSeconds()))),
                countriesOf(c.get(ALLOWED_COUNTRIES)),
                senderListOf(c, SMS_SENDER, DEFAULTS.smsSender),
                senderListOf(c, VOICE_SENDER, DEFAULTS.voiceSender));
    }

    /** The senders for this method, in failover order. */
    public List<String> sendersFor(DeliveryMethod method) {
        return List.of((method == DeliveryMethod.SMS ? smsSender : voiceSender).split(","));
    }

    /** Empty means every country. */
    public boolean allowsCountry(String region) {
        return allowedCountries.isEmpty() || (region != null && allowedCountries.contains(region));
    }

    /** The admin console's form for these settings, with help text. */
    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CODE_LENGTH).label("Code length").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.codeLength)
                .helpText("Digits in a one-time code, from " + MIN_CODE_LENGTH + " to " + MAX_CODE_LENGTH + ".").add()
                .property().name(CODE_TTL_SECONDS).label("Code lifetime (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue((int) DEFAULTS.codeTtl.toSeconds())
                .helpText("How long a code stays valid, counted from the moment the gateway accepted it.").add()
                .property().name(MAX_CODE_FAILURES).label("Wrong codes allowed").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.maxCodeFailures)
                .helpText("Wrong tries in one sign-in before the code dies. A new code does not reset the count; "
                        + "every wrong try also counts toward the realm's brute-force lockout.").add()
                .property().name(RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue((int) DEFAULTS.resendCooldown.toSeconds())
                .helpText("After a code was sent, how long a user waits before another one is sent to any of their phones.").add()
                .property().name(USER_SEND_CAP).label("Codes per user").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.userSendCap)
                .helpText("Most codes sent for one user within the cap window, across sign-ins. 0 turns the cap off.").add()
                .property().name(PHONE_SEND_CAP).label("Codes per phone number").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.phoneSendCap)
                .helpText("Most codes sent to one phone number within the cap window, whoever asks. 0 turns the cap off.").add()
                .property().name(IP_SEND_CAP).label("Codes per client IP").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.ipSendCap)
                .helpText("Most codes requested from one client IP address within the cap window. 0 turns the cap off.").add()
                .property().name(SEND_CAP_WINDOW_SECONDS).label("Cap window (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue((int) DEFAULTS.sendCapWindow.toSeconds())
                .helpText("The rolling window the three caps count in.").add()
                .property().name(ALLOWED_COUNTRIES).label("Allowed countries").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated ISO 3166 alpha-2 codes, for example US,CA. Codes go only to numbers of these "
                        + "countries. Empty allows all.").add()
                .property().name(SMS_SENDER).label("SMS sender").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULTS.smsSender)
                .helpText("Providers of SPI phone-message-sender that send SMS, comma-separated, in failover order: "
                        + "aws-sns, aws-end-user-messaging, twilio, http or log. With aws-sns,twilio a code goes "
                        + "through twilio when aws-sns fails, times out, throttles or is busy; an invalid or "
                        + "opted-out number is not tried again.").add()
                .property().name(VOICE_SENDER).label("Voice sender").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULTS.voiceSender)
                .helpText("Providers of SPI phone-message-sender that place voice calls, comma-separated, in failover "
                        + "order: aws-end-user-messaging, twilio, http (when its methods include voice) or log.").add()
                .build();
    }

    private static int intOf(Map<String, String> config, String key, int fallback) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A comma-separated list, kept as {@code a,b} without blanks or repeats; empty takes the fallback. */
    private static String senderListOf(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        String list = value == null ? "" : Arrays.stream(value.split("[,\\s]+"))
                .filter(s -> !s.isBlank())
                .distinct()
                .collect(Collectors.joining(","));
        return list.isEmpty() ? fallback : list;
    }

    private static Set<String> countriesOf(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split("[,\\s]+"))
                .filter(s -> !s.isBlank())
                .map(s -> s.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
