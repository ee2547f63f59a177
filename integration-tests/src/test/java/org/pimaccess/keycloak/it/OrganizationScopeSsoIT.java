package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Single sign-on when an application asks for the organization explicitly ({@code scope=openid
 * organization} or {@code organization:<alias>}): Keycloak's cookie step then leaves the decision to the
 * organization step of the {@code pim browser} flow. It must sign in without the password page and keep
 * the acr, and it must never let a password-only session skip the phone code.
 */
@PimKeycloakTest
class OrganizationScopeSsoIT {

    @Test
    void afterPhoneOtpASecondClientAskingForScopeOrganizationSignsInWithoutThePasswordAndKeepsTheAcr(PimKeycloak keycloak) {
        Member member = member(keycloak, "Sso Scope");
        SignIn signIn = phoneOtpSignInToPim(keycloak, member.user());

        Page second = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), null, Map.of("scope", "openid organization"));

        assertThat(second.isCallback()).as("signed in without a page; got:\n" + second.text()).isTrue();
        Map<String, Object> tokens = signIn.tokens(Clients.PASSWORD_ONLY, null);
        assertThat(Tokens.claims((String) tokens.get("id_token")).get("acr")).isEqualTo("phone-otp");
        assertThat(String.valueOf(Tokens.claims((String) tokens.get("access_token")).get("organization")))
                .contains(member.alias());
    }

    @Test
    void aSecondClientAskingForOneOrganizationByAliasSignsInTheSameWay(PimKeycloak keycloak) {
        Member member = member(keycloak, "Sso Alias");
        SignIn signIn = phoneOtpSignInToPim(keycloak, member.user());

        Page second = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), null,
                Map.of("scope", "openid organization:" + member.alias()));

        assertThat(second.isCallback()).as("signed in without a page; got:\n" + second.text()).isTrue();
        Map<String, Object> tokens = signIn.tokens(Clients.PASSWORD_ONLY, null);
        assertThat(Tokens.claims((String) tokens.get("id_token")).get("acr")).isEqualTo("phone-otp");
        assertThat(String.valueOf(Tokens.claims((String) tokens.get("access_token")).get("organization")))
                .contains(member.alias());
    }

    @Test
    void aPasswordOnlySessionAskingForPhoneOtpWithScopeOrganizationStillGetsThePhoneCode(PimKeycloak keycloak) {
        Member member = member(keycloak, "Sso Step Up");
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.passwordOnly(keycloak), "password");
        signIn.password(member.user().username(), TestUsers.PASSWORD);
        assertThat(signIn.idToken(Clients.PASSWORD_ONLY, null).get("acr")).isEqualTo("password");

        // Client pim carries the organization claim with roles (scope pim-organization-roles), not Keycloak's
        // organization scope, so the second application is one that asks for that scope and for phone OTP.
        Page stepUp = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), "phone-otp",
                Map.of("scope", "openid organization"));

        assertThat(stepUp.hasForm("pim-phone-otp-select")).as("the phone step; got:\n" + stepUp.text()).isTrue();
        signIn.send(stepUp.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), member.user().phone()));
        Map<String, Object> id = signIn.idToken(Clients.PASSWORD_ONLY, null);
        assertThat(id.get("acr")).isEqualTo("phone-otp");
    }

    private record Member(TestUser user, String alias) {
    }

    private static Member member(PimKeycloak keycloak, String prefix) {
        Orgs orgs = new Orgs(keycloak);
        String organization = orgs.create(Orgs.uniqueName(prefix));
        TestUser user = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, user.id());
        return new Member(user, orgs.get(organization).toRepresentation().getAlias());
    }

    private static SignIn phoneOtpSignInToPim(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        signIn.send(select.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET).get("acr")).isEqualTo("phone-otp");
        return signIn;
    }
}
