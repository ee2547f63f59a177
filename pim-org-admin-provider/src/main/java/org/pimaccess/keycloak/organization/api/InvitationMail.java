package org.pimaccess.keycloak.organization.api;

import java.util.concurrent.TimeUnit;

import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.storage.adapter.AbstractInMemoryUserAdapter;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Keycloak's organization invitation, as the admin console sends it: an invitation record, a signed
 * {@link InviteOrgActionToken} link, and the invitation email template. A new person's link opens the
 * home dashboard ({@code pim-home/invitation?token=...}), which starts the registration with PKCE for
 * client {@code pim-home}; an existing account's link goes to the action-token endpoint. Both land on home.
 */
final class InvitationMail {

    /** The home dashboard's client: invitees register through it and land on home. */
    private static final String HOME_CLIENT_ID = "pim-home";

    private final KeycloakSession session;
    private final RealmModel realm;

    InvitationMail(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** Sends the invitation and stores its link; an existing account gets a link for that account. */
    void send(OrganizationModel organization, OrganizationInvitationModel invitation, UserModel existing) {
        UserModel addressee = existing;
        if (addressee == null) {
            addressee = new Invitee(session, realm);
            addressee.setEmail(invitation.getEmail());
            addressee.setFirstName(invitation.getFirstName());
            addressee.setLastName(invitation.getLastName());
        }
        String token = token(organization, invitation, addressee);
        String link = existing == null
                ? home().path("invitation").queryParam(Constants.TOKEN, token).build(realm.getName()).toString()
                : LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                        .queryParam("key", token)
                        .build(realm.getName())
                        .toString();
        invitation.setInviteLink(link);
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(addressee)
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
                ? home().build(realm.getName()).toString()
                : redirect);
        return token.serialize(session, realm, session.getContext().getUri());
    }

    /** The home dashboard, {@code /realms/{realm}/pim-home/}: it starts the invitee's registration (with PKCE). */
    private UriBuilder home() {
        return session.getContext().getUri().getBaseUriBuilder().path("realms/{realm}/pim-home/");
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
