package org.pimaccess.demo;

/** The pages of realm {@code pim} that this application sends people to. */
public record KeycloakLinks(String baseUrl) {

    public KeycloakLinks {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Home, where sign-out returns (client {@code pim}'s post-logout redirect URI). */
    public String home() {
        return baseUrl + "/realms/pim/pim-home/";
    }

    /** The org-admin page: invite colleagues, assign roles. */
    public String orgAdmin() {
        return baseUrl + "/realms/pim/pim-org-admin/ui/";
    }
}
