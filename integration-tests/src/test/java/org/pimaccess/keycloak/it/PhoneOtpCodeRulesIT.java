package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.BruteForce;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

@PimKeycloakTest
class PhoneOtpCodeRulesIT {

    @Test
    void anExpiredCodeIsRefusedAndResendGivesAWorkingOne(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable shortTtl = keycloak.phoneOtpSettings().change(Map.of(
                "code-ttl-seconds", "2", "resend-cooldown-seconds", "0"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String expiredCode = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());

            Page expiredPage = Poll.until(Duration.ofSeconds(60), () -> signIn.browser().refresh(),
                    page -> "This code has expired.".equals(page.byId("pim-countdown")), "the code page to say the code expired");
            assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(1);

            Page refused = signIn.code(expiredCode);
            assertThat(refused.isCallback()).isFalse();
            assertThat(refused.errors()).contains("The code has expired. Send a new one.");
            assertThat(expiredPage.document().getElementById("pim-resend")).isNotNull();

            signIn.resend();
            String freshCode = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
            assertThat(signIn.code(freshCode).isCallback()).isTrue();
        }
    }

    @Test
    void eachWrongCodeIsRefusedAndAfterFiveTheCodeIsDeadEvenIfTheRightOneComesNext(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable noLockout = RealmSettings.change(keycloak.realm(), realm -> realm.setBruteForceProtected(false))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
            String wrong = code.equals("000000") ? "111111" : "000000";

            for (int i = 0; i < 4; i++) {
                assertThat(signIn.code(wrong).errors()).contains("That code is not right.");
            }
            assertThat(signIn.code(wrong).errors()).contains("Too many wrong codes.");

            Page afterRightCode = signIn.browser().submit("pim-phone-otp-code", Map.of("code", code), "verify");
            assertThat(afterRightCode.isCallback()).isFalse();
            assertThat(afterRightCode.errors()).contains("Too many wrong codes.");
            assertThat(signIn.resend().errors()).contains("Too many wrong codes.");
        }
    }

    @Test
    void withFailureFactorThreeThreeWrongCodesLockTheUserOutOfPasswordAndCode(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable factorThree = BruteForce.lockoutAfter(keycloak.realm(), 3)) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 1; i <= 3; i++) {
                signIn.code(wrong);
                BruteForce.awaitFailures(keycloak.realm(), user.id(), i);
            }
            BruteForce.awaitLockout(keycloak.realm(), user.id());

            Page afterRightCode = signIn.browser().submit("pim-phone-otp-code", Map.of("code", code), "verify");
            assertThat(afterRightCode.isCallback()).isFalse();

            SignIn again = new SignIn(keycloak.baseUrl());
            again.open("pim");
            Page password = again.password(user.username(), TestUsers.PASSWORD);
            assertThat(password.hasForm("pim-phone-otp-select")).isFalse();
            assertThat(password.isCallback()).isFalse();
        } finally {
            keycloak.realm().attackDetection().clearAllBruteForce();
        }
    }

    @Test
    void aUsedCodeIsRefusedAndACodeFromOneBrowserSessionIsRefusedInAnother(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable noCooldown = keycloak.phoneOtpSettings().change(Map.of("resend-cooldown-seconds", "0"))) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn first = new SignIn(keycloak.baseUrl());
            first.open("pim");
            first.send(first.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String firstCode = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());

            SignIn second = new SignIn(keycloak.baseUrl());
            second.open("pim");
            second.send(second.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            String secondCode = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
            if (!firstCode.equals(secondCode)) {
                Page crossSession = second.code(firstCode);
                assertThat(crossSession.isCallback()).isFalse();
                assertThat(crossSession.errors()).contains("That code is not right.");
            }
            assertThat(second.code(secondCode).isCallback()).isTrue();

            SignIn third = new SignIn(keycloak.baseUrl());
            third.open("pim");
            third.password(user.username(), TestUsers.PASSWORD);
            Page reuse = third.browser().submit("pim-phone-otp-select", Map.of("code", secondCode), "verify");
            assertThat(reuse.isCallback()).isFalse();
            assertThat(reuse.errors()).contains("Send a code first.");
        }
    }
}
