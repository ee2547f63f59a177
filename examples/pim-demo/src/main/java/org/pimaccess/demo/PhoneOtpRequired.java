package org.pimaccess.demo;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The check every application of realm {@code pim} must make: the ID token's {@code acr} is phone OTP
 * or stronger. Spring Security has already verified the token (signature against the realm's keys,
 * issuer, audience, expiry, nonce) when this runs; a token that fails here never becomes a session.
 *
 * <p>Asking for {@code acr_values=phone-otp} is not enough: the request passes through the browser,
 * where anyone can edit it, and a Keycloak client without a minimum ACR would then sign the person in
 * with their password alone.
 */
public class PhoneOtpRequired implements OAuth2UserService<OidcUserRequest, OidcUser> {

    public static final SessionStrength REQUIRED = SessionStrength.PHONE_OTP;

    private final OidcUserService verified = new OidcUserService();

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = verified.loadUser(request);
        SessionStrength strength = SessionStrength.ofAcr(user.getIdToken().getClaimAsString("acr"));
        if (!strength.isAtLeast(REQUIRED)) {
            throw new SessionTooWeakException(strength, REQUIRED);
        }
        return user;
    }
}
