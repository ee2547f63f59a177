package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.pimaccess.keycloak.it.harness.AwsFake;
import org.pimaccess.keycloak.it.harness.BruteForce;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

@PimKeycloakTest
class PhoneRegistrationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNewUserRegistersTheirFirstPhoneOverSmsAndPimGetsAcrPhoneOtp(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withoutPhone(keycloak);
        String number = TestUsers.newPhoneNumber();
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page form = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(form.hasForm("pim-phone-register")).as(form.text()).isTrue();
        Page codePage = signIn.registerPhone(number, null, "Work mobile", "sms");

        assertThat(codePage.hasForm("pim-phone-otp-code")).as(codePage.text()).isTrue();
        List<AwsFake.Sent> sent = keycloak.awsFake().sentTo(number);
        assertThat(sent).extracting(AwsFake.Sent::api).containsExactly(AwsFake.SNS_PUBLISH);
        assertThat(signIn.code(SentCodes.fromSms(sent.get(0).body())).isCallback()).isTrue();

        JsonNode phone = onlyPhone(keycloak, user);
        assertThat(phone.path("phoneNumber").asText()).isEqualTo(number);
        assertThat(phone.path("label").asText()).isEqualTo("Work mobile");
        assertThat(phone.path("preferredMethod").asText()).isEqualTo("sms");
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    void nationalDigitsWithACountryAreStoredAsE164(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withoutPhone(keycloak);
        String number = TestUsers.newPhoneNumber();
        String national = number.substring(2, 5) + "-" + number.substring(5, 8) + "-" + number.substring(8);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(user.username(), TestUsers.PASSWORD);

        signIn.registerPhone(national, "US", "", "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), number));

        assertThat(onlyPhone(keycloak, user).path("phoneNumber").asText()).isEqualTo(number);
    }

    @Test
    void badNumbersGetAFieldErrorThatKeepsTheInputAndNothingIsSent(PimKeycloak keycloak) {
        TestUser user = TestUsers.withoutPhone(keycloak);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(user.username(), TestUsers.PASSWORD);
        int sentBefore = keycloak.awsFake().sent().size();

        for (String bad : List.of("555-12", "call me maybe", "9".repeat(500))) {
            Page refused = signIn.registerPhone(bad, "US", "Home", "sms");
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.document().getElementById("input-error-phoneNumber")).as(bad).isNotNull();
            assertThat(refused.document().getElementById("phoneNumber").val()).isEqualTo(bad);
            assertThat(refused.document().getElementById("label").val()).isEqualTo("Home");
        }
        assertThat(keycloak.awsFake().sent()).hasSize(sentBefore);
    }

    @Test
    void withAnAllowListOfUsAndCanadaABritishNumberIsRefused(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable northAmerica = keycloak.registrationSettings().change(Map.of("allowed-countries", "US,CA"))) {
            TestUser user = TestUsers.withoutPhone(keycloak);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.password(user.username(), TestUsers.PASSWORD);

            Page refused = signIn.registerPhone("+447400123456", null, "", "sms");

            assertThat(refused.errors()).contains("Codes cannot be sent to numbers in this country.");
            assertThat(keycloak.awsFake().sentTo("+447400123456")).isEmpty();
        }
    }

    @Test
    void addingASecondPhoneFirstAsksToProveTheExistingOneAndMailsANotice(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        String second = TestUsers.newPhoneNumber();
        SignIn signIn = signedInWithPasswordOnly(keycloak, user);

        Page step = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), null, Map.of("kc_action", "phone-register"));
        assertThat(step.hasForm("pim-phone-otp-select")).as("prove the existing phone first: " + step.text()).isTrue();
        signIn.send(step.phoneIds().get(0), "sms");
        Page form = signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        assertThat(form.hasForm("pim-phone-register")).as(form.text()).isTrue();

        signIn.registerPhone(second, null, "Desk", "voice");
        String code = SentCodes.fromVoice(keycloak.awsFake().sentTo(second).get(0).body());
        assertThat(signIn.code(code).isCallback()).isTrue();

        assertThat(phones(keycloak, user)).hasSize(2);
        MimeMessage notice = keycloak.mailbox().newestTo(user.username() + "@example.test");
        assertThat(notice.getSubject()).isEqualTo("A phone was added to your account");
        assertThat(Mailbox.textOf(notice)).contains("•••-•••-" + second.substring(8)).doesNotContain(second);
    }

    @Test
    void wrongCodesDuringRegistrationCountTowardTheSameLockout(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable factorThree = BruteForce.lockoutAfter(keycloak.realm(), 3)) {
            TestUser user = TestUsers.withoutPhone(keycloak);
            String number = TestUsers.newPhoneNumber();
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.password(user.username(), TestUsers.PASSWORD);
            signIn.registerPhone(number, null, "", "sms");
            String code = SentCodes.lastSmsTo(keycloak.awsFake(), number);
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 1; i <= 3; i++) {
                assertThat(signIn.code(wrong).errors()).contains("That code is not right.");
                BruteForce.awaitFailures(keycloak.realm(), user.id(), i);
            }
            BruteForce.awaitLockout(keycloak.realm(), user.id());

            assertThat(signIn.code(code).isCallback()).isFalse();
            assertThat(phones(keycloak, user)).isEmpty();
        } finally {
            keycloak.realm().attackDetection().clearAllBruteForce();
        }
    }

    @Test
    void aSixthPhoneAndADuplicateNumberAreRefused(PimKeycloak keycloak) {
        TestUser full = TestUsers.withPhones(keycloak, 5);
        SignIn signIn = addPhoneFlow(keycloak, full);
        assertThat(signIn.registerPhone(TestUsers.newPhoneNumber(), null, "", "sms").errors())
                .contains("You already have 5 phones, the most allowed.");

        TestUser one = TestUsers.withPhones(keycloak, 1);
        SignIn again = addPhoneFlow(keycloak, one);
        assertThat(again.registerPhone(one.phone(), null, "", "sms").errors())
                .contains("This phone is already registered to your account.");
    }

    @Test
    void withOneAccountPerNumberANumberHeldElsewhereIsRefusedWithoutSayingByWhom(PimKeycloak keycloak) throws Exception {
        TestUser holder = TestUsers.withPhones(keycloak, 1);
        TestUser other = TestUsers.withoutPhone(keycloak);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(other.username(), TestUsers.PASSWORD);

        try (AutoCloseable unique = keycloak.registrationSettings().change(Map.of("unique-across-users", "true"))) {
            Page refused = signIn.registerPhone(holder.phone(), null, "", "sms");
            assertThat(refused.errors()).contains("This number cannot be registered.").doesNotContain(holder.username());
            assertThat(keycloak.awsFake().sentTo(holder.phone())).isEmpty();
        }
        Page allowedByDefault = signIn.registerPhone(holder.phone(), null, "", "sms");
        assertThat(allowedByDefault.hasForm("pim-phone-otp-code")).isTrue();
    }

    @Test
    void afterRemovingTheLastPhoneTheNextSignInOffersOnlyTheMailedLink(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = signedInWithPasswordOnly(keycloak, user);
        String phoneId = phones(keycloak, user).get(0).getId();

        Page step = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), null, Map.of("kc_action", "delete_credential:" + phoneId));
        if (step.hasForm("pim-phone-otp-select")) {
            signIn.send(step.phoneIds().get(0), "sms");
            signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        }
        assertThat(signIn.browser().press("accept").isCallback()).isTrue();
        assertThat(phones(keycloak, user)).isEmpty();
        MimeMessage notice = keycloak.mailbox().newestTo(user.username() + "@example.test");
        assertThat(notice.getSubject()).isEqualTo("A phone was removed from your account");
        assertThat(Mailbox.textOf(notice)).contains("•••-•••-" + user.phone().substring(8)).doesNotContain(user.phone());

        // Whoever holds the password now must not register their own phone: only the mailed link leads to one.
        SignIn next = new SignIn(keycloak.baseUrl());
        next.open("pim");
        Page gate = next.password(user.username(), TestUsers.PASSWORD);
        assertThat(gate.hasForm("pim-phone-register")).isFalse();
        assertThat(gate.hasForm("pim-phone-reset-pending")).as(gate.text()).isTrue();
    }

    private static SignIn addPhoneFlow(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = signedInWithPasswordOnly(keycloak, user);
        Page step = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), null, Map.of("kc_action", "phone-register"));
        signIn.send(step.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        return signIn;
    }

    private static SignIn signedInWithPasswordOnly(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.passwordOnly(keycloak), "password");
        assertThat(signIn.password(user.username(), TestUsers.PASSWORD).isCallback()).isTrue();
        return signIn;
    }

    private static List<CredentialRepresentation> phones(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(c -> "phone".equals(c.getType())).toList();
    }

    private static JsonNode onlyPhone(PimKeycloak keycloak, TestUser user) throws Exception {
        List<CredentialRepresentation> phones = phones(keycloak, user);
        assertThat(phones).hasSize(1);
        return JSON.readTree(phones.get(0).getCredentialData());
    }
}
