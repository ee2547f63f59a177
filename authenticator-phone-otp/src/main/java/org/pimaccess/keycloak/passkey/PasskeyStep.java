package org.pimaccess.keycloak.passkey;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.FlowStatus;
import org.keycloak.authentication.authenticators.browser.WebAuthnPasswordlessAuthenticator;
import org.keycloak.authentication.requiredactions.WebAuthnPasswordlessRegisterFactory;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * The passkey level's step: Keycloak's passkey check for a person who has one. A person without one, whom an
 * application asked for {@code acr=passkey}, has just passed the password and the phone code (the lower levels
 * of the same flow): they are offered Keycloak's passkey registration ({@value #ADD}), which they finish before
 * any token is issued, or they decline ({@value #DECLINE}) and the application gets an {@code access_denied}
 * answer saying the passkey level was not met, never a session at a lower level. When a step of the flow raised the
 * level for the person ({@link PasskeyDemand}), that step's page answers the decline instead.
 */
final class PasskeyStep extends WebAuthnPasswordlessAuthenticator {

    static final String OFFER_PAGE = "pim-passkey-offer.ftl";
    static final String ADD = "add";
    static final String DECLINE = "decline";
    /** What the application reads in {@code error_description}. */
    static final String NOT_MET = "acr passkey not met: the person has no passkey and did not add one";

    PasskeyStep(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (hasPasskey(context.getUser())) {
            super.authenticate(context);
        } else {
            context.challenge(offer(context));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (hasPasskey(context.getUser())) {
            super.action(context);
            if (context.getStatus() == FlowStatus.SUCCESS) {
                PasskeyUse.record(context);
                TrustedBrowsers.secondFactorUsed(context.getAuthenticationSession());
            }
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(ADD)) {
            context.getAuthenticationSession().addRequiredAction(WebAuthnPasswordlessRegisterFactory.PROVIDER_ID);
            context.success();
        } else if (form.containsKey(DECLINE)) {
            context.getEvent().detail(Details.REASON, "passkey_declined").error(Errors.REJECTED_BY_USER);
            PasskeyDemand demand = PasskeyDemand.of(context);
            if (demand != null) {
                context.forceChallenge(demand.declined(context));
                return;
            }
            LoginProtocol protocol = context.getSession().getProvider(LoginProtocol.class,
                    context.getAuthenticationSession().getProtocol());
            protocol.setRealm(context.getRealm()).setHttpHeaders(context.getHttpRequest().getHttpHeaders())
                    .setUriInfo(context.getUriInfo()).setEventBuilder(context.getEvent());
            // OIDC answers CANCELLED_BY_USER as access_denied with our description, on every Keycloak of the
            // range; LOA_INVALID, which says the same, exists only from 26.6.
            context.forceChallenge(protocol.sendError(context.getAuthenticationSession(), LoginProtocol.Error.CANCELLED_BY_USER, NOT_MET));
        } else {
            context.challenge(offer(context));
        }
    }

    private static Response offer(AuthenticationFlowContext context) {
        return context.form().createForm(OFFER_PAGE);
    }

    private boolean hasPasskey(UserModel user) {
        return user.credentialManager().isConfiguredFor(getCredentialType());
    }

    /** Always: a person without a passkey is offered one here rather than failed by the flow. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }
}
