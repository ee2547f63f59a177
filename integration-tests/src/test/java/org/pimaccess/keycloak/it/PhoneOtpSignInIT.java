package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.AwsFake;
import org.pimaccess.keycloak.it.harness.BruteForce;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

@PimKeycloakTest
class PhoneOtpSignInIT {

    @Test
    void userWithOnePhoneSignsInOverSmsAndThePimClientGetsAcrPhoneOtp(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
        assertThat(select.phoneLabels()).containsExactly("+1 •••-•••-" + user.phone().substring(8) + " Phone 1");

        Page codePage = signIn.send(select.phoneIds().get(0), "sms");
        assertThat(codePage.hasForm("pim-phone-otp-code")).as(codePage.text()).isTrue();
        assertThat(codePage.byId("pim-countdown")).matches("The code expires in [12]:\\d\\d\\.");
        assertThat(codePage.document().getElementById("code").attr("autocomplete")).isEqualTo("one-time-code");
        assertThat(codePage.document().getElementById("code").attr("inputmode")).isEqualTo("numeric");

        List<AwsFake.Sent> sent = keycloak.awsFake().sentTo(user.phone());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).api()).isEqualTo(AwsFake.SNS_PUBLISH);
        String text = sent.get(0).body();
        String code = SentCodes.fromSms(text);
        assertThat(text)
                .startsWith("PIM Access: your sign-in code is " + code + ".")
                .contains("expires in 2 minutes")
                .endsWith("@localhost #" + code);

        assertThat(signIn.code(code).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    void userPicksVoiceAndTheCallReadsTheCodeThatSignsThemIn(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);

        signIn.send(select.phoneIds().get(0), "voice");

        List<AwsFake.Sent> sent = keycloak.awsFake().sentTo(user.phone());
        assertThat(sent).extracting(AwsFake.Sent::api).containsExactly(AwsFake.SEND_VOICE);
        String ssml = sent.get(0).body();
        assertThat(ssml).startsWith("<speak>").contains("prosody rate=\"x-slow\"");
        String code = SentCodes.fromVoice(ssml);
        assertThat(code).hasSize(6);

        assertThat(signIn.code(code).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    void userWithTwoPhonesPicksTheSecondAndOnlyTheSecondReceivesAnything(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 2);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.phoneIds()).hasSize(2);
        int second = select.phoneLabels().get(0).endsWith("Phone 2") ? 0 : 1;

        signIn.send(select.phoneIds().get(second), "sms");

        assertThat(keycloak.awsFake().sentTo(user.phones().get(0))).isEmpty();
        assertThat(keycloak.awsFake().sentTo(user.phones().get(1))).hasSize(1);
        String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phones().get(1));
        assertThat(signIn.code(code).isCallback()).isTrue();
        Map<String, Object> idToken = signIn.idToken("pim", SignIn.PIM_SECRET);
        assertThat(idToken).containsEntry("acr", "phone-otp");
    }

    @Test
    void aClientAskingForPasswordGetsPasswordOnlyThenPimStepsUpOnceAndTheFreshLevelIsNotAskedAgain(PimKeycloak keycloak) {
        String passwordClient = Clients.passwordOnly(keycloak);
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());

        signIn.open(passwordClient, "password");
        assertThat(signIn.password(user.username(), TestUsers.PASSWORD).isCallback()).isTrue();
        assertThat(signIn.idToken(passwordClient, null)).containsEntry("acr", "password");
        assertThat(keycloak.awsFake().sentTo(user.phone())).isEmpty();

        Page stepUp = signIn.open("pim");
        assertThat(stepUp.hasForm("pim-phone-otp-select")).as("pim forces the phone step").isTrue();
        signIn.send(stepUp.phoneIds().get(0), "sms");
        assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone())).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");

        assertThat(signIn.open("pim").isCallback()).as("no second phone step while the level is fresh").isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);
    }

    /**
     * A wrong code is one failure, whichever Keycloak counts it: before 26.6 Keycloak's flow counts the step's
     * failure itself and the pack must not count it again, from 26.6 only the pack reports it. Counted twice,
     * one wrong code would reach a failure factor of two and lock the person out.
     */
    @Test
    void oneWrongCodeCountsOnceSoTheRightCodeStillSignsInBelowAFailureFactorOfTwo(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable factorTwo = BruteForce.lockoutAfter(keycloak.realm(), 2)) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());

            assertThat(signIn.code(code.equals("000000") ? "111111" : "000000").isCallback()).isFalse();
            assertThat(BruteForce.awaitFailures(keycloak.realm(), user.id(), 1)).containsEntry("numFailures", 1);

            assertThat(signIn.code(code).isCallback()).isTrue();
            assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        } finally {
            keycloak.realm().attackDetection().clearAllBruteForce();
        }
    }
}
