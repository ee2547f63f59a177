package org.pimaccess.keycloak.home;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.pimaccess.keycloak.release.BearerCaller;

/**
 * Who asks {@code api/me}: the user, token and client of a valid bearer access token that the home page's own
 * client obtained. A token another client obtained is refused, so a relying party holding a person's
 * token cannot read their dashboard through it.
 */
record HomeCaller(UserModel user, AccessToken token, ClientModel client) {

    static HomeCaller of(KeycloakSession session, String homeClientId) {
        BearerCaller result = BearerCaller.of(session, null)
                .orElseThrow(() -> HomeErrors.unauthorized(session.getContext().getRealm().getName()));
        if (!homeClientId.equals(result.token().getIssuedFor())) {
            throw HomeErrors.forbidden("wrong_client", "This API accepts only access tokens of the home page's client "
                    + homeClientId + "; this token was issued to " + result.token().getIssuedFor() + ".");
        }
        return new HomeCaller(result.user(), result.token(), result.client());
    }
}
