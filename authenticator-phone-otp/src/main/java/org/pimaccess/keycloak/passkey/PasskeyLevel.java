package org.pimaccess.keycloak.passkey;

import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.events.Details;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * Credits a passkey sign-in with every level of the flow up to {@link PasskeyLevelFactory#LEVEL} (the top of
 * the ladder, {@code acr=passkey}). Keycloak's passkey on the sign-in page authenticates inside the password
 * form, so the flow's level-1 condition credits level 1 only and the phone-OTP level would then send a code.
 * A user-verified, discoverable passkey is stronger than both: placed after the level-1 sub-flow, behind
 * <em>Condition - credential</em> (the passkey was used in this sign-in), this step records the levels below
 * it too, so the level-2 and level-3 conditions find them already met, in this sign-in and in later ones of
 * the same session (their max age counts from now).
 */
final class PasskeyLevel implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        int top = topLevel(context.getAuthenticatorConfig());
        AcrStore levels = new AcrStore(context.getSession(), context.getAuthenticationSession());
        Map<Integer, Integer> configured = LoAUtil.getLoaMaxAgesConfiguredInRealmFlow(context.getRealm(),
                context.getTopLevelFlow().getId());
        configured.keySet().stream().filter(level -> level <= top).sorted().forEach(levels::setLevelAuthenticated);
        levels.setLevelAuthenticatedToCurrentRequest(top);
        context.getEvent().detail(Details.CREDENTIAL_TYPE, PasskeyLevelFactory.PASSKEY);
        PasskeyUse.record(context);
        TrustedBrowsers.secondFactorUsed(context.getAuthenticationSession());
        context.success();
    }

    static int topLevel(AuthenticatorConfigModel config) {
        String level = config == null ? null : config.getConfig().get(PasskeyLevelFactory.LEVEL);
        try {
            return level == null ? PasskeyLevelFactory.DEFAULT_LEVEL : Integer.parseInt(level.trim());
        } catch (NumberFormatException notANumber) {
            return PasskeyLevelFactory.DEFAULT_LEVEL;
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
