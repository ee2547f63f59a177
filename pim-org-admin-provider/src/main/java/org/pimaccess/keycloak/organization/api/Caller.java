package org.pimaccess.keycloak.organization.api;

import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.AccessToken;
import org.pimaccess.keycloak.phone.PhoneOtp;
import org.pimaccess.keycloak.release.BearerCaller;

/**
 * Who calls: the user, token and client of a valid bearer access token of the realm that was issued for
 * this API, that is whose audience holds {@link ApiSettings#AUDIENCE}. Only clients with the client scope
 * {@code pim-org-admin-api} get that audience, so a token a relying party such as {@code pim} holds for
 * itself does not work here.
 */
record Caller(UserModel user, AccessToken token, ClientModel client) {

    static Caller of(KeycloakSession session) {
        BearerCaller bearer = BearerCaller.of(session, ApiSettings.AUDIENCE)
                .orElseThrow(() -> ApiErrors.unauthorized(session.getContext().getRealm().getName()));
        return new Caller(bearer.user(), bearer.token(), bearer.client());
    }

    /** The token's session meets {@code acr}: that acr, or a higher level by the client's (else the realm's) ACR map. */
    void requireAcr(String acr) {
        Map<String, Integer> levels = AcrUtils.getAcrLoaMap(client);
        Integer need = PhoneOtp.levelOf(acr, levels);
        Integer have = PhoneOtp.levelOf(token.getAcr(), levels);
        if (!acr.equals(token.getAcr()) && (need == null || have == null || have < need)) {
            throw ApiErrors.forbidden("phone_otp_required",
                    "This call needs a session signed in with phone OTP (acr=" + acr + "); this token has acr="
                            + token.getAcr() + ". Sign in again with phone OTP.");
        }
    }
}
