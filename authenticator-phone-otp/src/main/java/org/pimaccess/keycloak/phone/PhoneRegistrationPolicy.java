package org.pimaccess.keycloak.phone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.code.ConfigValues;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;
import org.pimaccess.keycloak.phone.PhoneOtp;

/**
 * The action's settings: the code rules shared with sign-in, plus what registration alone needs. The
 * realm-admin phone API and phone resets read the same settings, so every way to a new phone follows one
 * set of rules.
 */
public record PhoneRegistrationPolicy(PhoneOtpPolicy codes, int maxPhones, boolean uniqueAcrossUsers,
                                      Set<PhoneNumberType> moreNumberTypes, Duration resetLinkLifespan,
                                      Duration resetCooldown) {

    static final String MAX_PHONES = "max-phones";
    static final int DEFAULT_MAX_PHONES = 5;
    static final String UNIQUE_ACROSS_USERS = "unique-across-users";
    static final String MORE_NUMBER_TYPES = "allowed-number-types";
    static final String RESET_LINK_LIFESPAN = "reset-link-lifespan-seconds";
    /** As Keycloak's own default for links an admin has mailed (realm setting "admin-initiated action" lifespan). */
    static final int DEFAULT_RESET_LINK_LIFESPAN = 43200;
    /** Shortest and longest link lifespan accepted: a link must survive a mail delay, and not outlive a week. */
    static final int MIN_RESET_LINK_LIFESPAN = 300;
    static final int MAX_RESET_LINK_LIFESPAN = 604800;
    static final String RESET_COOLDOWN = "reset-cooldown-seconds";
    static final int DEFAULT_RESET_COOLDOWN = 600;
    static final int MAX_RESET_COOLDOWN = 86400;

    public static PhoneRegistrationPolicy from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new PhoneRegistrationPolicy(PhoneOtpPolicy.from(c), Math.max(1, ConfigValues.intOf(c, MAX_PHONES, DEFAULT_MAX_PHONES)),
                Boolean.parseBoolean(c.get(UNIQUE_ACROSS_USERS)), numberTypes(c.get(MORE_NUMBER_TYPES)),
                Duration.ofSeconds(Math.max(MIN_RESET_LINK_LIFESPAN, Math.min(MAX_RESET_LINK_LIFESPAN,
                        ConfigValues.intOf(c, RESET_LINK_LIFESPAN, DEFAULT_RESET_LINK_LIFESPAN)))),
                Duration.ofSeconds(Math.max(0, Math.min(MAX_RESET_COOLDOWN,
                        ConfigValues.intOf(c, RESET_COOLDOWN, DEFAULT_RESET_COOLDOWN)))));
    }

    /**
     * The settings of the realm's {@value PhoneOtp#REGISTER_ACTION} required action, as the admin console
     * saved them; the defaults where it has none. For callers outside a required action, such as the admin APIs.
     */
    public static PhoneRegistrationPolicy of(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(PhoneOtp.REGISTER_ACTION);
        return from(config == null ? null : config.getConfig());
    }

    /** Names of libphonenumber's types; unknown names are ignored, as an admin typo must not open anything. */
    private static Set<PhoneNumberType> numberTypes(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> known = Arrays.stream(PhoneNumberType.values()).map(Enum::name).collect(Collectors.toSet());
        return Arrays.stream(value.split("[,\\s]+"))
                .map(name -> name.strip().toUpperCase(Locale.ROOT))
                .filter(known::contains)
                .map(PhoneNumberType::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(MAX_PHONES).label("Phones per user").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_MAX_PHONES)
                .helpText("Most phones one user may register.").add()
                .property().name(UNIQUE_ACROSS_USERS).label("One account per number").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(false)
                .helpText("Refuse a number that another account of the realm holds, without saying which.").add()
                .property().name(MORE_NUMBER_TYPES).label("More number types").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("New phones must be mobile or fixed-line-or-mobile numbers (for SMS), or also fixed-line (for voice): "
                        + "premium-rate, shared-cost, personal, UAN, VoIP, pager, toll-free, voicemail and unknown numbers "
                        + "are what SMS pumping uses. Comma-separated libphonenumber types to allow as well, for example VOIP.").add()
                .property().name(RESET_LINK_LIFESPAN).label("Reset link lifespan (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_RESET_LINK_LIFESPAN)
                .helpText("After an admin resets a person's phones, only the emailed link leads to registering a new phone. "
                        + "How long that link works, from 300 (5 minutes) to 604800 (7 days); the person can ask for a new "
                        + "one at sign-in.").add()
                .property().name(RESET_COOLDOWN).label("Org-admin reset cooldown (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_RESET_COOLDOWN)
                .helpText("How soon an organization admin may reset the same member's phones again, from 0 (no wait) to 86400 "
                        + "(a day). Each reset ends the member's sessions and mails them, so repeated resets are a nuisance "
                        + "an org admin should not be able to cause. Realm admins are not held to it.").add()
                .build());
        properties.addAll(PhoneOtpPolicy.configProperties());
        return properties;
    }
}
