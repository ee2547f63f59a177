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
                             Set<String> allowedCountries, String smsSender, String voiceSender,
                             Budgets budgets, int clientAddressHop, int ipv6PrefixLength, boolean spendLimitFailsOver) {

    /** Messages per budget window, per method: realm-wide and per country; 0 turns one off. */
    public record Budgets(int realmSms, int realmVoice, int countrySms, int countryVoice, Duration window,
                          int registrationPercent) {
    }

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
    public static final String REALM_SMS_BUDGET = "realm-sms-budget";
    public static final String REALM_VOICE_BUDGET = "realm-voice-budget";
    public static final String COUNTRY_SMS_BUDGET = "country-sms-budget";
    public static final String COUNTRY_VOICE_BUDGET = "country-voice-budget";
    public static final String BUDGET_WINDOW_SECONDS = "budget-window-seconds";
    public static final String REGISTRATION_BUDGET_PERCENT = "registration-budget-percent";
    public static final String CLIENT_ADDRESS_HOP = "client-address-hop";
    public static final String IPV6_PREFIX_LENGTH = "ipv6-prefix-length";
    public static final String SPEND_LIMIT_FAILS_OVER = "spend-limit-fails-over";

    public static final int MIN_CODE_LENGTH = 6;
    public static final int MAX_CODE_LENGTH = 10;

    public static final PhoneOtpPolicy DEFAULTS = new PhoneOtpPolicy(6, Duration.ofSeconds(120), 5, Duration.ofSeconds(30),
            10, 10, 30, Duration.ofHours(1), Set.of(), "aws-sns", "aws-end-user-messaging",
            new Budgets(1000, 200, 300, 60, Duration.ofHours(1), 50), 0, 64, false);

    /** Reads an authenticator or required-action configuration; missing or unreadable values take the default. */
    public static PhoneOtpPolicy from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new PhoneOtpPolicy(
                Math.max(MIN_CODE_LENGTH, Math.min(MAX_CODE_LENGTH, ConfigValues.intOf(c, CODE_LENGTH, DEFAULTS.codeLength))),
                Duration.ofSeconds(Math.max(1, ConfigValues.intOf(c, CODE_TTL_SECONDS, (int) DEFAULTS.codeTtl.toSeconds()))),
                Math.max(1, ConfigValues.intOf(c, MAX_CODE_FAILURES, DEFAULTS.maxCodeFailures)),
                Duration.ofSeconds(Math.max(0, ConfigValues.intOf(c, RESEND_COOLDOWN_SECONDS, (int) DEFAULTS.resendCooldown.toSeconds()))),
                ConfigValues.intOf(c, USER_SEND_CAP, DEFAULTS.userSendCap),
                ConfigValues.intOf(c, PHONE_SEND_CAP, DEFAULTS.phoneSendCap),
                ConfigValues.intOf(c, IP_SEND_CAP, DEFAULTS.ipSendCap),
                Duration.ofSeconds(Math.max(1, ConfigValues.intOf(c, SEND_CAP_WINDOW_SECONDS, (int) DEFAULTS.sendCapWindow.toSeconds()))),
                countriesOf(c.get(ALLOWED_COUNTRIES)),
                senderListOf(c, SMS_SENDER, DEFAULTS.smsSender),
                senderListOf(c, VOICE_SENDER, DEFAULTS.voiceSender),
                new Budgets(
                        Math.max(0, ConfigValues.intOf(c, REALM_SMS_BUDGET, DEFAULTS.budgets.realmSms())),
                        Math.max(0, ConfigValues.intOf(c, REALM_VOICE_BUDGET, DEFAULTS.budgets.realmVoice())),
                        Math.max(0, ConfigValues.intOf(c, COUNTRY_SMS_BUDGET, DEFAULTS.budgets.countrySms())),
                        Math.max(0, ConfigValues.intOf(c, COUNTRY_VOICE_BUDGET, DEFAULTS.budgets.countryVoice())),
                        Duration.ofSeconds(Math.max(60, ConfigValues.intOf(c, BUDGET_WINDOW_SECONDS,
                                (int) DEFAULTS.budgets.window().toSeconds()))),
                        Math.max(0, Math.min(100, ConfigValues.intOf(c, REGISTRATION_BUDGET_PERCENT,
                                DEFAULTS.budgets.registrationPercent())))),
                Math.max(0, ConfigValues.intOf(c, CLIENT_ADDRESS_HOP, DEFAULTS.clientAddressHop)),
                Math.max(0, Math.min(128, ConfigValues.intOf(c, IPV6_PREFIX_LENGTH, DEFAULTS.ipv6PrefixLength))),
                Boolean.parseBoolean(ConfigValues.textOf(c, SPEND_LIMIT_FAILS_OVER, Boolean.toString(DEFAULTS.spendLimitFailsOver))));
    }

    public int realmBudget(DeliveryMethod method) {
        return method == DeliveryMethod.SMS ? budgets.realmSms() : budgets.realmVoice();
    }

    public int countryBudget(DeliveryMethod method) {
        return method == DeliveryMethod.SMS ? budgets.countrySms() : budgets.countryVoice();
    }

    public Duration budgetWindow() {
        return budgets.window();
    }

    public int registrationBudgetPercent() {
        return budgets.registrationPercent();
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
                .property().name(REALM_SMS_BUDGET).label("Realm SMS budget").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.budgets.realmSms())
                .helpText("Most SMS the whole realm sends within the budget window, to any number. Caps an SMS-pumping attack "
                        + "that uses fresh accounts and fresh numbers. Sign-ins may use all of it; phone registration only its "
                        + "share (below). Set the same value on the phone-register required action. 0 turns it off.").add()
                .property().name(REALM_VOICE_BUDGET).label("Realm voice budget").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.budgets.realmVoice())
                .helpText("Most voice calls the whole realm places within the budget window. 0 turns it off.").add()
                .property().name(COUNTRY_SMS_BUDGET).label("SMS budget per country").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.budgets.countrySms())
                .helpText("Most SMS sent to the numbers of any one country within the budget window: pumping targets a few "
                        + "expensive countries. 0 turns it off.").add()
                .property().name(COUNTRY_VOICE_BUDGET).label("Voice budget per country").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.budgets.countryVoice())
                .helpText("Most voice calls placed to the numbers of any one country within the budget window. 0 turns it off.").add()
                .property().name(BUDGET_WINDOW_SECONDS).label("Budget window (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue((int) DEFAULTS.budgets.window().toSeconds())
                .helpText("The rolling window the budgets count in (at least 60).").add()
                .property().name(REGISTRATION_BUDGET_PERCENT).label("Registration share of budgets (%)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULTS.budgets.registrationPercent())
                .helpText("How much of each budget codes to unproven numbers (phone registration) may use. When they have "
                        + "used it, registration stops while sign-ins to proven phones go on with the rest.").add()
                .property().name(CLIENT_ADDRESS_HOP).label("Client address: X-Forwarded-For hop from the right")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULTS.clientAddressHop)
                .helpText("0 counts the client address Keycloak resolved (with --proxy-headers=xforwarded, the left-most "
                        + "X-Forwarded-For entry, which a client can forge when your proxy appends to the header). n counts the "
                        + "n-th entry from the right, the one your own proxy wrote: 1 behind one appending proxy. A hop counts "
                        + "only on requests whose direct peer is in Keycloak's --proxy-trusted-addresses (without that option, "
                        + "never); other requests count by their own address.").add()
                .property().name(IPV6_PREFIX_LENGTH).label("IPv6 prefix length").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULTS.ipv6PrefixLength)
                .helpText("The per-IP cap counts an IPv6 client for its whole prefix of this length, since one subscriber "
                        + "holds at least a /64. IPv4 clients count per address.").add()
                .property().name(SPEND_LIMIT_FAILS_OVER).label("Fail over when a gateway's spend limit is reached")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(Boolean.toString(DEFAULTS.spendLimitFailsOver))
                .helpText("Off: a gateway that refuses because the spending limit set at that provider is reached ends the "
                        + "send, so that limit holds. On: the next sender of the list tries, which spends beyond that limit "
                        + "at another provider.").add()
                .build();
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
