package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

@PimKeycloakTest
class PhoneOtpBadInputIT {

    @Test
    void anotherUsersPhoneIdIsRefusedAndThatPhoneReceivesNothing(PimKeycloak keycloak) {
        TestUser victim = TestUsers.withPhones(keycloak, 1);
        String victimPhoneId = keycloak.realm().users().get(victim.id()).credentials().stream()
                .filter(c -> "phone".equals(c.getType())).map(CredentialRepresentation::getId).findFirst().orElseThrow();
        SignIn signIn = signedInWithPassword(keycloak);

        Page refused = signIn.send(victimPhoneId, "sms");

        assertClearError(refused, "Choose one of your phones.");
        assertThat(keycloak.awsFake().sentTo(victim.phone())).isEmpty();
    }

    @Test
    void anUnknownDeliveryMethodIsRefused(PimKeycloak keycloak) {
        SignIn signIn = signedInWithPassword(keycloak);

        assertClearError(signIn.send(signIn.browser().current().phoneIds().get(0), "fax"), "Choose SMS or a voice call.");
    }

    @Test
    void aSendWithoutAnyFieldIsRefused(PimKeycloak keycloak) {
        SignIn signIn = signedInWithPassword(keycloak);

        assertClearError(signIn.postRaw("pim-phone-otp-select", Map.of("send", "")), "Choose one of your phones.");
    }

    @Test
    void aCodeWithLettersIsRefusedWithoutCountingAsAWrongTry(PimKeycloak keycloak) {
        SignIn signIn = signedInWithPassword(keycloak);
        signIn.send(signIn.browser().current().phoneIds().get(0), "sms");

        assertClearError(signIn.code("12a45b"), "The code has 6 digits and nothing else.");
    }

    /**
     * Keycloak's HTTP layer (Quarkus) refuses a form field over 2 KiB with 413 before any provider
     * runs; a long code that passes it reaches the authenticator and gets the format message.
     */
    @Test
    void aOneMegabyteCodeIsRefusedWithAClientErrorAndALongOneWithTheFormatMessage(PimKeycloak keycloak) {
        SignIn signIn = signedInWithPassword(keycloak);
        signIn.send(signIn.browser().current().phoneIds().get(0), "sms");

        Page huge = signIn.postRaw("pim-phone-otp-code", Map.of("code", "7".repeat(1024 * 1024), "verify", ""));
        assertThat(huge.status()).isIn(400, 413);
        assertThat(huge.body()).doesNotContain("Exception");

        Page stillThere = signIn.browser().refresh();
        assertClearError(signIn.browser().submit("pim-phone-otp-code", Map.of("code", "7".repeat(2000)), "verify"),
                "The code has 6 digits and nothing else.");
        assertThat(stillThere.hasForm("pim-phone-otp-code")).isTrue();
    }

    private static SignIn signedInWithPassword(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(user.username(), TestUsers.PASSWORD);
        return signIn;
    }

    private static void assertClearError(Page page, String message) {
        assertThat(page.status()).isIn(200, 400);
        assertThat(page.errors()).contains(message);
        assertThat(page.body()).doesNotContain("Exception");
    }
}
