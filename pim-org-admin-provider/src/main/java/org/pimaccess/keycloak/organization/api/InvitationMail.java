package org.pimaccess.keycloak.organization.api;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;
import org.pimaccess.keycloak.hostname.PublicHostname;
import org.pimaccess.keycloak.organization.OrgRoles;
import org.pimaccess.keycloak.page.ThemeTexts;

import jakarta.ws.rs.core.Response;

/**
 * Keycloak's organization invitation, as the admin console sends it: an invitation record, a signed
 * {@link InviteOrgActionToken} link (to registration for a new person, to the action-token endpoint for
 * an existing account), and the invitation email template {@code org-invite.ftl}. The link is for the
 * home dashboard's client {@code pim-home} and returns to home. Theme {@code pim} overrides that template
 * (HTML and plain text): every value escaped, the plain-text link as is, and, from this API, who invited
 * the person, for which application and with which roles (attribute {@code pimInvitation}).
 */
final class InvitationMail {

    /** The home dashboard's client: invitees register through it and land on home. */
    private static final String HOME_CLIENT_ID = "pim-home";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;

    InvitationMail(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** What the pack's template says beyond Keycloak's: who invites, to which application, with which roles. */
    record Notice(String inviter, String application, List<String> roles) {

        /**
         * The inviter's name (else username), the application client's name (else id), the roles' human names
         * (their descriptions; a description {@code ${key}} is read from the realm's email theme in its default
         * language, as Keycloak localizes such texts).
         */
        static Notice of(KeycloakSession session, RealmModel realm, UserModel inviter, OrgRoles roles, Set<String> invited) {
            String name = String.join(" ", Stream.of(inviter.getFirstName(), inviter.getLastName())
                    .filter(part -> part != null && !part.isBlank()).toList());
            ClientModel application = realm.getClientByClientId(roles.clientId());
            String applicationName = application == null || application.getName() == null || application.getName().isBlank()
                    ? roles.clientId() : application.getName();
            return new Notice(name.isEmpty() ? inviter.getUsername() : name, applicationName,
                    invited.stream().map(role -> localized(session, realm, roles.humanName(role), role)).toList());
        }

        private static String localized(KeycloakSession session, RealmModel realm, String text, String fallback) {
            Locale locale = Locale.forLanguageTag(realm.getDefaultLocale() == null ? "en" : realm.getDefaultLocale());
            return ThemeTexts.of(session, Theme.Type.EMAIL, locale).localize(text, fallback);
        }
    }

    /** Sends the invitation and stores its link; an existing account gets a link for that account. */
    void send(OrganizationModel organization, OrganizationInvitationModel invitation, UserModel existing, Notice notice) {
        if (!PublicHostname.fixed(session)) {
            throw ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "hostname_not_configured", "Invitation links need "
                    + "the server's hostname option or the realm's Frontend URL; nothing was saved. Ask the operator.");
        }
        UserModel addressee = existing;
        if (addressee == null) {
            addressee = new Invitee(session, realm);
            addressee.setEmail(invitation.getEmail());
            addressee.setFirstName(invitation.getFirstName());
            addressee.setLastName(invitation.getLastName());
        }
        String token = token(organization, invitation, addressee);
        String link = existing == null
                ? OIDCLoginProtocolService.registrationsUrl(session.getContext().getUri().getBaseUriBuilder())
                        .queryParam(OAuth2Constants.RESPONSE_TYPE, OIDCResponseType.CODE)
                        .queryParam(Constants.CLIENT_ID, HOME_CLIENT_ID)
                        .queryParam(OAuth2Constants.REDIRECT_URI, home())
                        .queryParam(OAuth2Constants.CODE_CHALLENGE, unanswerableChallenge())
                        .queryParam(OAuth2Constants.CODE_CHALLENGE_METHOD, OAuth2Constants.PKCE_METHOD_S256)
                        .queryParam(Constants.TOKEN, token)
                        .buildFromMap(Map.of("realm", realm.getName(), "protocol", OIDCLoginProtocol.LOGIN_PROTOCOL))
                        .toString()
                : LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                        .queryParam("key", token)
                        .build(realm.getName())
                        .toString();
        invitation.setInviteLink(link);
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(addressee)
                    .setAttribute("pimInvitation", Map.of("inviter", notice.inviter(), "application", notice.application(),
                            "roles", notice.roles()))
                    .sendOrgInviteEmail(organization, link,
                            TimeUnit.SECONDS.toMinutes(realm.getActionTokenGeneratedByAdminLifespan()));
        } catch (EmailException e) {
            throw ApiErrors.error(Response.Status.BAD_GATEWAY, "email_failed",
                    "The invitation email could not be sent; nothing was saved. Check the realm's email settings.");
        }
    }

    private String token(OrganizationModel organization, OrganizationInvitationModel invitation, UserModel addressee) {
        InviteOrgActionToken token = new InviteOrgActionToken(addressee.getId(), invitation.getExpiresAt(),
                invitation.getEmail(), HOME_CLIENT_ID);
        token.setOrgId(organization.getId());
        token.id(invitation.getId());
        String redirect = organization.getRedirectUrl();
        token.setRedirectUri(redirect == null || redirect.isBlank()
                ? home()
                : redirect);
        return token.serialize(session, realm, session.getContext().getUri());
    }

    /** The home dashboard, {@code /realms/{realm}/pim-home/}, where invitees land. */
    private String home() {
        return Urls.realmBase(session.getContext().getUri().getBaseUri()).path("{realm}/pim-home/").build(realm.getName())
                .toString();
    }

    /**
     * Client {@code pim-home} requires PKCE, so the link carries a challenge; no verifier exists for it, so
     * the code this registration ends with cannot be redeemed by anyone. Home ignores a code it did not ask
     * for and signs in through the session the registration created.
     */
    private static String unanswerableChallenge() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The not-yet-registered person the email is addressed to; exists only for the template. */
    private static final class Invitee extends AbstractInMemoryUserAdapter {
        Invitee(KeycloakSession session, RealmModel realm) {
            super(session, realm, null);
        }

        @Override
        public SubjectCredentialManager credentialManager() {
            throw new UnsupportedOperationException("An invitee has no account yet");
        }
    }
}
