package org.pimaccess.keycloak.home;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.services.util.ResolveRelative;
import org.pimaccess.keycloak.home.Views.ApplicationView;
import org.pimaccess.keycloak.home.Views.Me;
import org.pimaccess.keycloak.home.Views.OrganizationView;
import org.pimaccess.keycloak.home.Views.PasskeyView;
import org.pimaccess.keycloak.home.Views.PasswordView;
import org.pimaccess.keycloak.home.Views.PhoneView;
import org.pimaccess.keycloak.home.Views.RoleView;
import org.pimaccess.keycloak.home.Views.SuspendedView;
import org.pimaccess.keycloak.home.Views.TrustedBrowserView;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.page.ThemeTexts;
import org.pimaccess.keycloak.organization.Suspensions;
import org.pimaccess.keycloak.organization.Suspensions.Suspension;
import org.pimaccess.keycloak.organization.signin.PersonPolicy;
import org.pimaccess.keycloak.organization.signin.SignInPolicies;
import org.pimaccess.keycloak.passkey.PasskeyUse;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.phone.PhoneCredentialModel;
import org.pimaccess.keycloak.phone.PhoneOtp;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * What the home page shows one person. Below phone OTP (a password alone, perhaps a stolen one), only their name
 * and the level to raise the session to: nothing a password alone should reveal. From phone OTP: their organizations with their roles there, their phones
 * (masked), their passkeys, their password, their trusted browsers, and the applications an operator listed on home (client attribute
 * {@code pim.home} = {@code true}). Every listed, enabled application is shown to everyone: an
 * application decides who may use it, and a tile hidden for lack of a role would leave a newcomer with
 * nothing to click and nobody to ask.
 */
final class Dashboard {

    /** The client attribute that lists an application on home. */
    static final String LISTED = "pim.home";
    /** More listed applications than this are cut off: home is a start page, not a catalogue. */
    static final int MAX_APPLICATIONS = 50;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String rolesClientId;

    Dashboard(KeycloakSession session, String rolesClientId) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.rolesClientId = rolesClientId;
    }

    Me of(HomeCaller caller) {
        UserModel user = caller.user();
        Locale locale = session.getContext().resolveLocale(user);
        String acr = caller.token().getAcr();
        if (!atPhoneOtp(caller)) {
            return Me.belowPhoneOtp(displayName(user), acr, locale.toLanguageTag(), PhoneOtp.ACR);
        }
        ThemeTexts texts = ThemeTexts.of(session, Theme.Type.ACCOUNT, locale);
        return new Me(user.getUsername(), displayName(user), user.getEmail(), acr, locale.toLanguageTag(),
                organizations(user, texts), phones(user), passkeys(user), password(user), applications(acr, texts), null,
                organizationsRequire(user), trustedBrowsers(user));
    }

    /** What the person's active organizations require of every sign-in, when more than the application decides. */
    private String organizationsRequire(UserModel user) {
        PersonPolicy policy = new SignInPolicies(session).ofPerson(user);
        return policy.organizationIds().isEmpty() ? null : policy.level().acr();
    }

    private static String displayName(UserModel user) {
        String name = Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .reduce((first, last) -> first + " " + last)
                .orElse("");
        return name.isEmpty() ? user.getUsername() : name;
    }

    private List<OrganizationView> organizations(UserModel user, ThemeTexts texts) {
        if (!realm.isOrganizationsEnabled()) {
            return List.of();
        }
        OrgRoles roles = new OrgRoles(session, rolesClientId);
        Suspensions suspensions = new Suspensions(session);
        ClientModel rolesClient = realm.getClientByClientId(rolesClientId);
        return session.getProvider(OrganizationProvider.class).getByMember(user)
                .sorted(Comparator.comparing(OrganizationModel::getName, String.CASE_INSENSITIVE_ORDER))
                .map(org -> new OrganizationView(org.getId(), org.getName(), org.getAlias(), org.isEnabled(),
                        roles.isAdmin(org, user),
                        roles.activeRolesOf(org, user).stream().map(role -> role(rolesClient, role, texts)).toList(),
                        suspensions.of(org, user.getId()).map(this::suspended).orElse(null)))
                .toList();
    }

    /**
     * Whom a suspended person asks: the admin who suspended them. The reason stays with the admins and the
     * activity trail; the person hears it from whom they ask.
     */
    private SuspendedView suspended(Suspension suspension) {
        UserModel by = suspension.byId() == null ? null : session.users().getUserById(realm, suspension.byId());
        String name = by == null ? suspension.byUsername() : displayName(by);
        return new SuspendedView(Instant.ofEpochMilli(suspension.since()).toString(), name, by == null ? null : by.getEmail());
    }

    private static RoleView role(ClientModel client, String name, ThemeTexts texts) {
        RoleModel role = client == null ? null : client.getRole(name);
        return new RoleView(name, texts.localize(role == null ? null : role.getDescription(), name));
    }

    private static List<PhoneView> phones(UserModel user) {
        return PhoneCredentialModel.phonesOf(user).stream()
                .map(phone -> new PhoneView(phone.getId(), phone.label(), phone.maskedNumber(),
                        phone.deliveryMethods().stream().map(DeliveryMethod::formValue).toList()))
                .toList();
    }

    private static List<PasskeyView> passkeys(UserModel user) {
        Map<String, Long> lastUsed = PasskeyUse.of(user);
        return user.credentialManager().getStoredCredentialsByTypeStream(WebAuthnCredentialModel.TYPE_PASSWORDLESS)
                .sorted(Comparator.comparing(CredentialModel::getCreatedDate, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(passkey -> new PasskeyView(passkey.getId(), passkey.getUserLabel(), passkey.getCreatedDate(),
                        lastUsed.get(passkey.getId())))
                .toList();
    }

    private List<TrustedBrowserView> trustedBrowsers(UserModel user) {
        Optional<String> current = TrustedBrowsers.idInRequest(session, user);
        return TrustedBrowsers.of(user, System.currentTimeMillis()).stream()
                .map(browser -> new TrustedBrowserView(browser.id(), browser.browser(), browser.os(), browser.createdAt(),
                        browser.lastUsedAt(), browser.expiresAt(), current.filter(browser.id()::equals).isPresent()))
                .toList();
    }

    /** Whether the caller's session is at phone OTP or above: what home shows and changes beyond the name. */
    static boolean atPhoneOtp(HomeCaller caller) {
        return satisfies(caller.token().getAcr(), PhoneOtp.ACR, AcrUtils.getAcrLoaMap(caller.client()));
    }

    private static PasswordView password(UserModel user) {
        Optional<CredentialModel> password = user.credentialManager()
                .getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findFirst();
        return new PasswordView(password.isPresent(), password.map(CredentialModel::getCreatedDate).orElse(null));
    }

    private List<ApplicationView> applications(String acr, ThemeTexts texts) {
        // Keycloak searches clients only by a fixed set of attributes, so the (cached) clients are read.
        return realm.getClientsStream()
                .filter(client -> client.isEnabled() && "true".equals(client.getAttribute(LISTED)))
                .limit(MAX_APPLICATIONS)
                .map(client -> application(client, acr, texts))
                .sorted(Comparator.comparing(ApplicationView::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private ApplicationView application(ClientModel client, String acr, ThemeTexts texts) {
        String required = AcrUtils.getMinimumAcrValue(client);
        return new ApplicationView(client.getClientId(), texts.localize(client.getName(), client.getClientId()),
                texts.localize(client.getDescription(), null), url(client), required,
                satisfies(acr, required, AcrUtils.getAcrLoaMap(client)));
    }

    /** The application's home URL (Keycloak's "Home URL", else its root URL), when it is http or https. */
    private String url(ClientModel client) {
        String base = client.getBaseUrl() == null || client.getBaseUrl().isBlank() ? client.getRootUrl() : client.getBaseUrl();
        if (base == null || base.isBlank()) {
            return null;
        }
        String resolved = ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), base);
        try {
            String scheme = URI.create(resolved).getScheme();
            return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) ? resolved : null;
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    /** Whether a session at {@code acr} meets {@code required}, by the levels of the realm's (or client's) ACR map. */
    static boolean satisfies(String acr, String required, Map<String, Integer> levels) {
        if (required == null || required.equals(acr)) {
            return true;
        }
        Integer have = PhoneOtp.levelOf(acr, levels);
        Integer need = PhoneOtp.levelOf(required, levels);
        return have != null && need != null && have >= need;
    }
}
