package org.pimaccess.keycloak.organization.api;

import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The options of the org-admin API ({@code --spi-realm-restapi-extension--pim-org-admin--<option>}):
 * keys, defaults, bounds and help text in one place.
 */
record ApiSettings(String requiredAcr, int invitationsPerOrganizationPerHour, int invitationsPerAddressPerDay) {

    static final String REQUIRED_ACR = "required-acr";
    static final String DEFAULT_REQUIRED_ACR = "phone-otp";
    static final String INVITATIONS_PER_ORGANIZATION = "invitations-per-organization-per-hour";
    static final int DEFAULT_INVITATIONS_PER_ORGANIZATION = 20;
    static final String INVITATIONS_PER_ADDRESS = "invitations-per-address-per-day";
    static final int DEFAULT_INVITATIONS_PER_ADDRESS = 3;
    /** The token audience this API accepts; the client scope {@code pim-org-admin-api} adds it. */
    static final String AUDIENCE = "pim-org-admin";
    private static final int MAX_CAP = 10_000;

    static ApiSettings from(Config.Scope config) {
        return new ApiSettings(config.get(REQUIRED_ACR, DEFAULT_REQUIRED_ACR),
                cap(config, INVITATIONS_PER_ORGANIZATION, DEFAULT_INVITATIONS_PER_ORGANIZATION),
                cap(config, INVITATIONS_PER_ADDRESS, DEFAULT_INVITATIONS_PER_ADDRESS));
    }

    private static int cap(Config.Scope config, String key, int fallback) {
        int value = config.getInt(key, fallback);
        if (value < 1 || value > MAX_CAP) {
            throw new IllegalArgumentException("--spi-realm-restapi-extension--pim-org-admin--" + key
                    + " must be from 1 to " + MAX_CAP + ", not " + value);
        }
        return value;
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REQUIRED_ACR).type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_REQUIRED_ACR)
                .helpText("The acr an access token needs for the org-admin calls that read or change an organization.")
                .add()
                .property().name(INVITATIONS_PER_ORGANIZATION).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_INVITATIONS_PER_ORGANIZATION)
                .helpText("Invitations one organization may send per clock hour (1 to 10000); more get HTTP 429 "
                        + "too_many_invitations with Retry-After.")
                .add()
                .property().name(INVITATIONS_PER_ADDRESS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(DEFAULT_INVITATIONS_PER_ADDRESS)
                .helpText("Invitations one email address may receive per UTC day, from all organizations together "
                        + "(1 to 10000); more get HTTP 429 too_many_invitations with Retry-After.")
                .add().build();
    }

    Map<String, String> operationalInfo() {
        return Map.of(REQUIRED_ACR, requiredAcr,
                INVITATIONS_PER_ORGANIZATION, Integer.toString(invitationsPerOrganizationPerHour),
                INVITATIONS_PER_ADDRESS, Integer.toString(invitationsPerAddressPerDay),
                "audience", AUDIENCE);
    }
}
