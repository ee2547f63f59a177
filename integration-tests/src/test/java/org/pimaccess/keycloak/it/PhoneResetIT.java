package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Browser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** A member lost their phone: their org admin resets it, and only the emailed link leads to a new one. */
@PimKeycloakTest
class PhoneResetIT {

    @Test
    void anOrgAdminResetsAMembersPhonesAndTheEmailedLinkLeadsToANewPhoneThatSignsInWithPhoneOtp(PimKeycloak keycloak)
            throws Exception {
        OrgFixture org = OrgFixture.create(keycloak, "Lost Phones");
        TestUser member = org.addMember(keycloak);
        String email = member.username() + "@example.test";
        Map<String, Object> memberTokens = signInWithPhoneOtp(keycloak, member);
        assertThat(keycloak.realm().users().get(member.id()).getUserSessions()).isNotEmpty();

        Answer reset = new OrgAdminApi(keycloak).post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");

        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        assertThat(reset.json().path("phonesRemoved").asInt()).isEqualTo(1);
        assertThat(phoneCredentials(keycloak, member)).isEmpty();
        assertThat(keycloak.realm().users().get(member.id()).getUserSessions()).isEmpty();
        assertThat(refresh(keycloak, (String) memberTokens.get("refresh_token"))).as("refresh after the reset").isEqualTo(400);

        MimeMessage mail = keycloak.mailbox().newestTo(email);
        assertThat(mail.getSubject()).isEqualTo("Your phones were reset");
        assertThat(Mailbox.textOf(mail)).contains("reset by Test User").doesNotContain(member.phone().substring(3));
        String link = keycloak.mailbox().linkTo(email, "/login-actions/action-token");

        AdminEventRepresentation event = keycloak.realm()
                .getAdminEvents(null, null, null, null, null, "organizations/" + org.id() + "/members/" + member.id() + "/phone-reset",
                        null, null, 0, 10)
                .stream().findFirst().orElseThrow(() -> new AssertionError("No admin event for the reset"));
        assertThat(event.getOperationType()).isEqualTo("ACTION");
        assertThat(event.getAuthDetails().getUserId()).isEqualTo(org.admin().id());
        assertThat(event.getDetails()).containsEntry("org_id", org.id()).containsEntry("user_id", member.id())
                .containsEntry("phones_removed", "1");

        String newNumber = TestUsers.newPhoneNumber();
        Browser mailbox = new Browser(keycloak.baseUrl());
        SignIn viaLink = new SignIn(keycloak.baseUrl(), mailbox);
        Page form = mailbox.openMailedLink(link);
        assertThat(form.hasForm("pim-phone-register")).as(form.text()).isTrue();
        viaLink.registerPhone(newNumber, null, "Replacement", "sms");
        Page done = viaLink.code(SentCodes.lastSmsTo(keycloak.awsFake(), newNumber));
        assertThat(done.text()).contains("Your account has been updated");
        assertThat(phoneCredentials(keycloak, member)).hasSize(1);

        TestUser withNewPhone = new TestUser(member.id(), member.username(), List.of(newNumber));
        assertThat(Tokens.claims(Tokens.phoneOtp(keycloak, withNewPhone))).containsEntry("acr", "phone-otp");
        assertThat(linkOpensAgain(keycloak, link)).as("the link works once").isFalse();
    }

    @Test
    void afterAResetThePasswordAloneReachesNoPhoneRegistrationStoresNoPhoneAndSendsNoCode(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Stolen Password");
        TestUser member = org.addMember(keycloak);
        String email = member.username() + "@example.test";
        assertThat(new OrgAdminApi(keycloak).post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "")
                .status()).isEqualTo(202);
        int mailsBefore = mailsTo(keycloak, email);
        String attackerNumber = TestUsers.newPhoneNumber();

        SignIn attacker = new SignIn(keycloak.baseUrl());
        attacker.open("pim");
        Page gate = attacker.password(member.username(), TestUsers.PASSWORD);
        assertThat(gate.hasForm("pim-phone-register")).isFalse();
        assertThat(gate.hasForm("pim-phone-reset-pending")).as(gate.text()).isTrue();
        assertThat(gate.text()).contains("open the link we emailed to you");

        Page again = attacker.postRaw("pim-phone-reset-pending", Map.of("phoneNumber", attackerNumber, "deliveryMethod", "sms",
                "label", "", "send", ""));
        assertThat(again.hasForm("pim-phone-reset-pending")).as(again.text()).isTrue();
        Page code = attacker.postRaw("pim-phone-reset-pending", Map.of("code", "123456", "verify", ""));
        assertThat(code.isCallback()).isFalse();
        assertThat(code.hasForm("pim-phone-reset-pending")).isTrue();

        SignIn appInitiated = new SignIn(keycloak.baseUrl());
        appInitiated.open(Clients.passwordOnly(keycloak));
        Page passwordOnly = appInitiated.password(member.username(), TestUsers.PASSWORD);
        assertThat(passwordOnly.hasForm("pim-phone-register")).as(passwordOnly.text()).isFalse();
        Page asked = appInitiated.browser().openSignIn(Clients.PASSWORD_ONLY, null, Map.of("kc_action", "phone-register"));
        assertThat(asked.hasForm("pim-phone-register")).as(asked.text()).isFalse();

        assertThat(keycloak.awsFake().sentTo(attackerNumber)).isEmpty();
        assertThat(phoneCredentials(keycloak, member)).isEmpty();
        assertThat(mailsTo(keycloak, email)).isEqualTo(mailsBefore);

        Page sent = attacker.browser().press("resend");
        assertThat(sent.text()).contains("We emailed you a new link");
        assertThat(mailsTo(keycloak, email)).isEqualTo(mailsBefore + 1);
        assertThat(Mailbox.textOf(keycloak.mailbox().newestTo(email))).contains("/login-actions/action-token")
                .doesNotContain("reset by");
        Page cooled = attacker.browser().press("resend");
        assertThat(cooled.text()).contains("Wait up to 30 seconds");
        assertThat(mailsTo(keycloak, email)).isEqualTo(mailsBefore + 1);
    }

    @Test
    void theLinkIsMailedAgainOnlyAsOftenAsTheSendCapAllows(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable oneSend = keycloak.registrationSettings().change(Map.of("resend-cooldown-seconds", "0",
                "user-send-cap", "1"))) {
            OrgFixture org = OrgFixture.create(keycloak, "Capped Links");
            TestUser member = org.addMember(keycloak);
            String email = member.username() + "@example.test";
            new OrgAdminApi(keycloak).post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            signIn.password(member.username(), TestUsers.PASSWORD);
            int mailsBefore = mailsTo(keycloak, email);

            assertThat(signIn.browser().press("resend").text()).contains("We emailed you a new link");
            Page capped = signIn.browser().press("resend");

            assertThat(capped.text()).contains("Too many links were sent");
            assertThat(capped.hasForm("pim-phone-reset-pending")).isTrue();
            assertThat(mailsTo(keycloak, email)).isEqualTo(mailsBefore + 1);
        }
    }

    @Test
    void anotherOrganizationsAdminGets403ANonMember404AndAPasswordToken403(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Guarded Phones");
        OrgFixture other = OrgFixture.create(keycloak, "Other Desk");
        TestUser member = org.addMember(keycloak);
        TestUser outsider = TestUsers.withPhones(keycloak, 1);
        String resetMember = org.path("members/" + member.id() + "/phone-reset");

        assertError(api.post(resetMember, other.adminToken(), ""), 403, "not_organization_admin");
        assertError(api.post(org.path("members/" + outsider.id() + "/phone-reset"), org.adminToken(), ""), 404, "member_not_found");
        assertError(api.post(resetMember, Tokens.orgAdminPasswordOnly(keycloak, org.admin()), ""), 403, "phone_otp_required");
        assertError(api.post(resetMember, Tokens.orgAdmin(keycloak, member), ""), 403, "not_organization_admin");
        assertError(api.post(resetMember, null, ""), 401, "unauthorized");
        assertError(api.post(org.path("members/" + org.admin().id() + "/phone-reset"), org.adminToken(), ""), 403,
                "cannot_reset_self");

        assertThat(phoneCredentials(keycloak, member)).hasSize(1);
        assertThat(phoneCredentials(keycloak, outsider)).hasSize(1);
        assertThat(phoneCredentials(keycloak, org.admin())).hasSize(1);
    }

    @Test
    void membersShowWhetherPhoneOtpIsSetUpHowManyPhonesMaskedAndWhenTheLastWasAdded(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Phone State");
        TestUser member = org.addMember(keycloak);
        TestUser twoPhones = TestUsers.withPhones(keycloak, 2);
        new Orgs(keycloak).addMember(org.id(), twoPhones.id());
        long before = Instant.now().minusSeconds(120).getEpochSecond();

        JsonNode state = member(api.get(org.path("members"), org.adminToken()).json(), twoPhones.id()).path("phoneOtp");
        assertThat(state.path("configured").asBoolean()).isTrue();
        assertThat(state.path("phones").asInt()).isEqualTo(2);
        assertThat(state.path("maskedLastDigits")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "\u2022\u2022" + last2(twoPhones.phones().get(0)), "\u2022\u2022" + last2(twoPhones.phones().get(1)));
        assertThat(state.path("lastAddedAt").asLong()).isBetween(before, Instant.now().getEpochSecond() + 5);
        assertThat(state.path("resetPending").asBoolean()).isFalse();
        assertThat(state.toString()).doesNotContain(twoPhones.phones().get(0).substring(2));

        api.post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");
        JsonNode after = member(api.get(org.path("members"), org.adminToken()).json(), member.id()).path("phoneOtp");
        assertThat(after.path("configured").asBoolean()).isFalse();
        assertThat(after.path("phones").asInt()).isZero();
        assertThat(after.path("lastAddedAt").isNull()).isTrue();
        assertThat(after.path("resetPending").asBoolean()).isTrue();
    }

    private static Map<String, Object> signInWithPhoneOtp(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        signIn.send(select.phoneIds().get(0), "sms");
        signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        return signIn.tokens("pim", SignIn.PIM_SECRET);
    }

    /** The status of a refresh-token grant for client {@code pim}. */
    private static int refresh(PimKeycloak keycloak, String refreshToken) throws Exception {
        HttpResponse<String> response = Http.client().send(HttpRequest.newBuilder(
                        keycloak.baseUrl().resolve("/realms/pim/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=pim&client_secret="
                        + SignIn.PIM_SECRET + "&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /** Whether the link, opened in a fresh browser, still leads to phone registration. */
    private static boolean linkOpensAgain(PimKeycloak keycloak, String link) {
        return new Browser(keycloak.baseUrl()).openMailedLink(link).hasForm("pim-phone-register");
    }

    private static List<CredentialRepresentation> phoneCredentials(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> "phone".equals(credential.getType())).toList();
    }

    private static int mailsTo(PimKeycloak keycloak, String address) {
        return keycloak.mail().getReceivedMessagesForDomain(address).length;
    }

    private static JsonNode member(JsonNode members, String id) {
        for (JsonNode member : members) {
            if (id.equals(member.path("id").asText())) {
                return member;
            }
        }
        throw new AssertionError("No member " + id + " in " + members);
    }

    private static String last2(String number) {
        return number.substring(number.length() - 2);
    }

    private static void assertError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isEqualTo(error);
        assertThat(answer.json().path("message").asText()).isNotBlank();
    }
}
