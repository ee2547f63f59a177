package org.pimaccess.keycloak.organization.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.page.PageTexts;
import org.pimaccess.keycloak.page.ThemeTexts;

/**
 * The org-admin page's texts in one language: its own bundle ({@code pim-org-admin-ui/messages/} in the
 * JAR, with the realm's overrides under Realm settings, Localization) and, as {@code role.<name>}, each
 * assignable role's human name the way home shows it (a description {@code ${key}} read from the
 * realm's account theme messages). The language is the one asked for when the realm supports it, else
 * the browser's, else English.
 */
final class OrgAdminTexts {

    private OrgAdminTexts() {
    }

    static PageTexts of(KeycloakSession session, OrgRoles roles, String asked) {
        PageTexts page = PageTexts.of(session, "/pim-org-admin-ui/messages", asked);
        ThemeTexts account = ThemeTexts.of(session, Theme.Type.ACCOUNT, Locale.forLanguageTag(page.locale()));
        Map<String, String> roleNames = new TreeMap<>();
        roles.allowList().forEach(role -> roleNames.put("role." + role, account.localize(roles.humanName(role), role)));
        return page.with(roleNames);
    }
}
