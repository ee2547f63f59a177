package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SoftwarePasskey;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * The passkey on the sign-in page over plain HTTP, answered by a {@link SoftwarePasskey}: the ID token of
 * {@code pim}, which demands phone OTP, says {@code acr=passkey}, and no code was sent. The same answer is what the
 * benchmark's passkey row measures.
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
