package org.pimaccess.keycloak.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** Access tokens got the way applications get them: a full sign-in in a fresh browser. */
public final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** Password, then an SMS code to the user's first phone, for client {@code pim}: acr=phone-otp. */
    public static String phoneOtp(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        if (!select.hasForm("pim-phone-otp-select")) {
            throw new IllegalStateException("No Phone OTP page after the password:\n" + select.text());
        }
        signIn.send(select.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        return (String) signIn.tokens("pim", SignIn.PIM_SECRET).get("access_token");
    }

    /**
     * An access token for the org-admin API: password, then an SMS code, through a client with the
     * client scope {@code pim-org-admin-api} (audience {@code pim-org-admin}), asking for acr=phone-otp.
     */
    public static String orgAdmin(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.orgAdminCaller(keycloak), "phone-otp");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        if (!select.hasForm("pim-phone-otp-select")) {
            throw new IllegalStateException("No Phone OTP page after the password:\n" + select.text());
        }
        signIn.send(select.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        return (String) signIn.tokens(Clients.ORG_ADMIN_CALLER, null).get("access_token");
    }

    /** As {@link #orgAdmin}, with the password only: the API's audience, but acr=password. */
    public static String orgAdminPasswordOnly(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.orgAdminCaller(keycloak));
        signIn.password(user.username(), TestUsers.PASSWORD);
        return (String) signIn.tokens(Clients.ORG_ADMIN_CALLER, null).get("access_token");
    }

    /** Password only, for a client that asks for nothing more: acr=password. */
    public static String passwordOnly(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.passwordOnly(keycloak));
        signIn.password(user.username(), TestUsers.PASSWORD);
        return (String) signIn.tokens(Clients.PASSWORD_ONLY, null).get("access_token");
    }

    /** Password, then an SMS code, through the home page's client {@code pim-home}: its access token. */
    public static String home(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.homeWithTestCallback(keycloak), "phone-otp");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        if (!select.hasForm("pim-phone-otp-select")) {
            throw new IllegalStateException("No Phone OTP page after the password:\n" + select.text());
        }
        signIn.send(select.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        return (String) signIn.tokens(Clients.HOME, null).get("access_token");
    }

    /** Password only, through {@code pim-home}, which asks for no more when nothing is requested: acr=password. */
    public static String homePasswordOnly(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.homeWithTestCallback(keycloak));
        signIn.password(user.username(), TestUsers.PASSWORD);
        return (String) signIn.tokens(Clients.HOME, null).get("access_token");
    }

    /** The roles a token says the person holds in the organization with this alias (claim {@code organization}). */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> rolesIn(Map<String, Object> claims, String alias) {
        Object organizations = claims.get("organization");
        if (!(organizations instanceof Map<?, ?> byAlias) || !(byAlias.get(alias) instanceof Map<?, ?> organization)) {
            throw new AssertionError("No organization " + alias + " in the token's claim organization: " + organizations);
        }
        return (java.util.List<String>) organization.get("roles");
    }

    /** A JWT's claims, unverified: the test only reads what the server put there. */
    public static Map<String, Object> claims(String jwt) {
        try {
            return JSON.readValue(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8),
                    new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
