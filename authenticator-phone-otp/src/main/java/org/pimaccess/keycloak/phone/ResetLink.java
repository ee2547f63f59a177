package org.pimaccess.keycloak.phone;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.UriInfo;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The link of a phone reset: Keycloak's own execute-actions link (the one the admin console's "Send
 * email" makes) for the single action {@value PhoneOtp#REGISTER_ACTION}, signed by the realm, usable
 * once (the action is one-time), and valid for the action's {@code reset-link-lifespan-seconds}. It
 * carries the address it was mailed to: Keycloak refuses it once the account has another address, and
 * {@link #opened} once the reset recorded another.
 */
public final class ResetLink {

    private ResetLink() {
    }

    static void mail(KeycloakSession session, RealmModel realm, UserModel user, String email, String resetBy)
            throws EmailException {
        long lifespan = PhoneRegistrationPolicy.of(realm).resetLinkLifespan().toSeconds();
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), email,
                (int) (Time.currentTime() + lifespan), List.of(PhoneOtp.REGISTER_ACTION), null, null);
        UriInfo uri = session.getContext().getUri();
        String link = LoginActionsService.actionTokenProcessor(uri)
                .queryParam(Constants.KEY, token.serialize(session, realm, uri))
                .build(realm.getName()).toString();
        PhoneNotice.phonesReset(session, realm, PhoneNotice.at(user, email), resetBy, link,
                TimeUnit.SECONDS.toMinutes(lifespan));
    }

    /**
     * Whether this sign-in came through such a link, for this person, made at or after the reset, and
     * mailed to the address the reset recorded. Keycloak keeps the action token it accepted in the
     * authentication session (note {@code key}), where no browser can write; its signature is checked
     * again here all the same.
     */
    public static boolean opened(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user) {
        Long since = PhoneReset.pendingSince(user).orElse(null);
        if (since == null) {
            return true;
        }
        ExecuteActionsActionToken token = session.tokens().decode(authSession.getAuthNote(Constants.KEY),
                ExecuteActionsActionToken.class);
        String recorded = PhoneMark.of(user).resetEmail();
        return token != null
                && ExecuteActionsActionToken.TOKEN_TYPE.equals(token.getType())
                && user.getId().equals(token.getSubject())
                && token.getRequiredActions() != null && token.getRequiredActions().contains(PhoneOtp.REGISTER_ACTION)
                && token.getIat() != null && token.getIat() >= since
                && recorded != null && recorded.equalsIgnoreCase(token.getEmail())
                && recorded.equalsIgnoreCase(user.getEmail());
    }
}
