package org.pimaccess.keycloak.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.code.ConfigValues;
import org.pimaccess.keycloak.code.PhoneOtpPolicy;

/** The action's settings: the code rules shared with sign-in, plus what registration alone needs. */
record PhoneRegistrationPolicy(PhoneOtpPolicy codes, int maxPhones, boolean uniqueAcrossUsers) {

    static final String MAX_PHONES = "max-phones";
    static final int DEFAULT_MAX_PHONES = 5;
    static final String UNIQUE_ACROSS_USERS = "unique-across-users";

    static PhoneRegistrationPolicy from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new PhoneRegistrationPolicy(PhoneOtpPolicy.from(c), Math.max(1, ConfigValues.intOf(c, MAX_PHONES, DEFAULT_MAX_PHONES)),
                Boolean.parseBoolean(c.get(UNIQUE_ACROSS_USERS)));
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
                .build());
        properties.addAll(PhoneOtpPolicy.configProperties());
        return properties;
    }
}
