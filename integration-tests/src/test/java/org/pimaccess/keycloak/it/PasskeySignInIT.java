package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SoftwarePasskey;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Browser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * The passkey on the sign-in page over plain HTTP, answered by a {@link SoftwarePasskey}: the ID token of
 * {@code pim}, which demands phone OTP, says {@code acr=passkey}, and no code was sent. The same answer is what the
 * benchmark's passkey row measures. And the guard on Keycloak's passkey registration: a password alone never adds a
 * passkey, also for a person without a phone, for whom Keycloak's step-up would ask nothing more.
 */
@PimKeycloakTest
class PasskeySignInIT {

    @Test
    void aPasskeyAloneSignsIntoPimAtThePasskeyLevelWithoutACode(PimKeycloak keycloak) {
        SoftwarePasskey passkey = SoftwarePasskey.create();
        TestUser user = TestUsers.withPasskey(keycloak, passkey.credential("Software key"));
        SignIn signIn = new SignIn(keycloak.baseUrl());

        Page signInPage = signIn.open("pim");
        assertThat(signInPage.hasForm("webauth")).as(signInPage.text()).isTrue();
        Page done = signIn.browser().submit("webauth", passkey.answer(signInPage, keycloak.baseUrl(), user.id()), null);

        assertThat(done.isCallback()).as(done.text()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "passkey")
                .containsEntry("preferred_username", user.username());
        assertThat(keycloak.awsFake().sentTo(user.phone())).isEmpty();
    }

    @Test
    void aPasswordAloneCannotAddAPasskeyForAPersonWithoutAPhone(PimKeycloak keycloak) {
        // Without a phone and without phone registration pending: only the guard stands between the password and a
        // passkey (as in a realm where phone-register is no default action).
        TestUser neverHadOne = TestUsers.withoutPhone(keycloak);
        UserRepresentation noActions = keycloak.realm().users().get(neverHadOne.id()).toRepresentation();
        noActions.setRequiredActions(List.of());
        keycloak.realm().users().get(neverHadOne.id()).update(noActions);
        OrgFixture org = OrgFixture.create(keycloak, "Reset Then Passkey");
        TestUser reset = org.addMember(keycloak);
        assertThat(new OrgAdminApi(keycloak).post(org.path("members/" + reset.id() + "/phone-reset"), org.adminToken(), "")
                .status()).isEqualTo(202);

        for (TestUser person : List.of(neverHadOne, reset)) {
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.browser().openSignIn(Clients.passwordOnly(keycloak), "password",
                    Map.of("kc_action", "webauthn-register-passwordless"));
            Page after = signIn.password(person.username(), TestUsers.PASSWORD);

            assertThat(after.hasForm("register")).as(person.username() + ": " + after.text()).isFalse();
            if (person == neverHadOne) {
                assertThat(URLDecoder.decode(after.uri().toString(), StandardCharsets.UTF_8)).startsWith(Browser.CALLBACK)
                        .contains("error=access_denied");
            } else {
                // the reset gate answers first: only the mailed link leads on, to a phone
                assertThat(after.hasForm("pim-phone-reset-pending")).as(person.username() + ": " + after.text()).isTrue();
            }
            assertThat(keycloak.realm().users().get(person.id()).credentials())
                    .noneMatch(credential -> "webauthn-passwordless".equals(credential.getType()));
        }
    }

    @Test
    void aSignatureOfAnotherKeyIsRefused(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Real key"));
        SoftwarePasskey stranger = SoftwarePasskey.create();
        SignIn signIn = new SignIn(keycloak.baseUrl());

        Page signInPage = signIn.open("pim");
        Page refused = signIn.browser().submit("webauth", stranger.answer(signInPage, keycloak.baseUrl(), user.id()), null);

        assertThat(refused.isCallback()).isFalse();
        assertThat(refused.hasForm("kc-form-login")).as(refused.text()).isTrue();
    }
}
