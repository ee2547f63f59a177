package org.pimaccess.keycloak.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.code.ConfigValues;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;

/** The action's settings: the code rules shared with sign-in, plus what registration alone needs. */
record PhoneRegistrationPolicy(PhoneOtpPolicy codes, int maxPhones, boolean uniqueAcrossUsers,
                               Set<PhoneNumberType> moreNumberTypes) {

    static final String MAX_PHONES = "max-phones";
    static final int DEFAULT_MAX_PHONES = 5;
    static final String UNIQUE_ACROSS_USERS = "unique-across-users";
    static final String MORE_NUMBER_TYPES = "allowed-number-types";

    static PhoneRegistrationPolicy from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new PhoneRegistrationPolicy(PhoneOtpPolicy.from(c), Math.max(1, ConfigValues.intOf(c, MAX_PHONES, DEFAULT_MAX_PHONES)),
                Boolean.parseBoolean(c.get(UNIQUE_ACROSS_USERS)), numberTypes(c.get(MORE_NUMBER_TYPES)));
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

    static List<ProviderConfigProperty> configProperties() {
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
                .build());
        properties.addAll(PhoneOtpPolicy.configProperties());
        return properties;
    }
}
