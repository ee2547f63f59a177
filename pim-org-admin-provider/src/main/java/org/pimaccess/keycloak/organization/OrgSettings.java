package org.pimaccess.keycloak.organization;

import org.keycloak.Config;

/**
 * The one organization setting every provider of this module shares: the client whose roles
 * organizations assign (default {@code pim}). It is an option of the {@code pim-org-admin} event
 * listener ({@code --spi-events-listener--pim-org-admin--client-id}); the REST resource and the token
 * mapper read the same option here, so they always agree with the listener.
 */
public record OrgSettings(String clientId) {

    public static final String CLIENT_ID = "client-id";
    public static final String DEFAULT_CLIENT_ID = "pim";
    public static final String CLIENT_ID_HELP = "Client whose client roles organizations assign to their members; "
            + "its role pim-org-admin makes an organization admin.";

    /** Where the option lives: the {@code eventsListener} SPI, provider {@code pim-org-admin}. */
    private static final String SPI = "eventsListener";
    private static final String PROVIDER = "pim-org-admin";

    public static OrgSettings from(Config.Scope scope) {
        return new OrgSettings(scope.get(CLIENT_ID, DEFAULT_CLIENT_ID));
    }

    /** The settings as the {@code pim-org-admin} event listener reads them, from any provider. */
    public static OrgSettings read() {
        return from(Config.scope(SPI, PROVIDER));
    }
}
