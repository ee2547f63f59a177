package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.PimPhonesApi;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Browser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Someone holds only a person's password. Once the person has had a phone, no way around the mailed link
 * leads them to a phone of their own: not an email change, not a phone deleted in the admin console, not
 * an org admin's reset beyond their organization, not a number stored under the wrong type.
 */
@PimKeycloakTest
class LostPhoneHijackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = Http.client();

    @Test
    void aPasswordCannotMoveTheEmailOfAnAccountWithAPhoneSoTheResetLinkReachesOnlyItsOwner(PimKeycloak keycloak)
            throws Exception {
        OrgFixture org = OrgFixture.create(keycloak, "Hijack Desk");
        TestUser member = org.addMember(keycloak);
        String owner = member.username() + "@example.test";
        String attacker = "thief-" + member.username() + "@evil.test";

        SignIn thief = new SignIn(keycloak.baseUrl());
        thief.browser().openSignIn(Clients.homeWithTestCallback(keycloak), "password", Map.of("kc_action", "UPDATE_PROFILE"));
        Page profile = thief.password(member.username(), TestUsers.PASSWORD);
        assertThat(profile.hasForm("kc-update-profile-form")).as(profile.text()).isTrue();
        Page refused = thief.browser().submit("kc-update-profile-form", Map.of("email", attacker), null);
        assertThat(refused.isCallback()).isFalse();
        assertThat(refused.text()).contains("sign in with a phone code first");
        assertThat(emailOf(keycloak, member)).isEqualTo(owner);

        HttpResponse<String> viaAccount = changeEmailInAccount(keycloak, Tokens.passwordOnly(keycloak, member), member, attacker);
        assertThat(viaAccount.statusCode()).as(viaAccount.body()).isEqualTo(400);
        assertThat(viaAccount.body()).contains("pimEmailChangeNeedsPhoneOtp");
        assertThat(emailOf(keycloak, member)).isEqualTo(owner);

        Answer reset = new OrgAdminApi(keycloak).post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        String link = keycloak.mailbox().linkTo(owner, "/login-actions/action-token");
        assertThat(mailsTo(keycloak, attacker)).isZero();

        SignIn again = new SignIn(keycloak.baseUrl());
        again.open("pim");
        Page gate = again.password(member.username(), TestUsers.PASSWORD);
        assertThat(gate.hasForm("pim-phone-reset-pending")).as(gate.text()).isTrue();
        assertThat(gate.hasForm("pim-phone-register")).isFalse();

        // A realm admin may change the address; the link mailed to the old one then opens nothing.
        UserRepresentation moved = keycloak.realm().users().get(member.id()).toRepresentation();
        moved.setEmail("moved-" + member.username() + "@example.test");
        keycloak.realm().users().get(member.id()).update(moved);
        assertThat(opensPhoneRegistration(keycloak, link)).isFalse();
        assertThat(mailsTo(keycloak, attacker)).isZero();
        assertThat(phones(keycloak, member)).isEmpty();
    }

    @Test
    void afterAPhoneCodeThePersonChangesTheirEmailAndTheOldAddressIsTold(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        String old = user.username() + "@example.test";
        String next = "next-" + user.username() + "@example.test";

        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().openSignIn(Clients.homeWithTestCallback(keycloak), "phone-otp", Map.of("kc_action", "UPDATE_PROFILE"));
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        signIn.send(select.phoneIds().get(0), "sms");
        Page profile = signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        assertThat(profile.hasForm("kc-update-profile-form")).as(profile.text()).isTrue();
        signIn.browser().submit("kc-update-profile-form", Map.of("email", next), null);

        assertThat(emailOf(keycloak, user)).isEqualTo(next);
        MimeMessage notice = keycloak.mailbox().newestTo(old);
        assertThat(notice.getSubject()).isEqualTo("The email address of your account was changed");
        assertThat(org.pimaccess.keycloak.it.harness.Mailbox.textOf(notice)).contains(next);
    }

    /**
     * The help-desk route: a caller posing as the person has a realm admin change the address. Keycloak's admin
     * event carries no old address, yet the old address is told, once, after the change is stored.
     */
    @Test
    void aRealmAdminChangesTheEmailAndTheOldAddressIsToldOnce(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        String old = user.username() + "@example.test";
        String next = "desk-" + user.username() + "@example.test";

        UserRepresentation representation = keycloak.realm().users().get(user.id()).toRepresentation();
        representation.setEmail(next);
        keycloak.realm().users().get(user.id()).update(representation);

        assertThat(emailOf(keycloak, user)).isEqualTo(next);
        MimeMessage notice = keycloak.mailbox().newestTo(old);
        assertThat(notice.getSubject()).isEqualTo("The email address of your account was changed");
        assertThat(org.pimaccess.keycloak.it.harness.Mailbox.textOf(notice)).contains(next);
        assertThat(subjectsTo(keycloak, old)).containsOnlyOnce("The email address of your account was changed");
    }

    @Test
    void afterTheConsoleDeletesTheLastPhoneTheNextSignInLeadsToTheLinkPageAndThePersonCannotLiftTheMark(PimKeycloak keycloak)
            throws Exception {
        UPConfig before = keycloak.realm().users().userProfile().getConfiguration();
        UPConfig open = keycloak.realm().users().userProfile().getConfiguration();
        open.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        keycloak.realm().users().userProfile().update(open);
        try {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            String email = user.username() + "@example.test";
            // Signed in with the password while the phone was there; after the delete no sign-in gets this far.
            String token = Tokens.passwordOnly(keycloak, user);
            keycloak.realm().users().get(user.id()).removeCredential(phones(keycloak, user).get(0).getId());
            assertThat(subjectsTo(keycloak, email)).contains("A phone was removed from your account");

            String mark = keycloak.realm().users().get(user.id()).credentials().stream()
                    .filter(credential -> "pim-phone-mark".equals(credential.getType()))
                    .map(CredentialRepresentation::getId).findFirst().orElseThrow();
            HttpResponse<String> deleted = account(keycloak, token, "DELETE", "credentials/" + mark, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(404);
            HttpResponse<String> attributes = account(keycloak, token, "POST", "", JSON.writeValueAsString(Map.of(
                    "username", user.username(), "email", email, "firstName", "Test", "lastName", "User",
                    "attributes", Map.of("pim.phone-reset", List.of(), "pim-phone-mark", List.of("none")))));
            assertThat(attributes.statusCode()).as(attributes.body()).isIn(204, 400);
            HttpResponse<String> moved = changeEmailInAccount(keycloak, token, user, "thief-" + email);
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(400);
            assertThat(moved.body()).contains("pimEmailChangeResetPending");

            SignIn attacker = new SignIn(keycloak.baseUrl());
            attacker.open("pim");
            Page gate = attacker.password(user.username(), TestUsers.PASSWORD);
            assertThat(gate.hasForm("pim-phone-register")).as(gate.text()).isFalse();
            assertThat(gate.hasForm("pim-phone-reset-pending")).as(gate.text()).isTrue();
            assertThat(attacker.browser().press("resend").text()).contains("We emailed you a new link");
            assertThat(keycloak.mailbox().linkTo(email, "/login-actions/action-token")).isNotBlank();
        } finally {
            keycloak.realm().users().userProfile().update(before);
        }
    }

    @Test
    void anOrgAdminResetsOnlyMembersWhoStayInsideTheOrganizationAndOncePerCooldown(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Small Desk");
        OrgFixture other = OrgFixture.create(keycloak, "Big Desk");
        TestUser inTwo = org.addMember(keycloak);
        new Orgs(keycloak).addMember(other.id(), inTwo.id());
        new Orgs(keycloak).addMember(org.id(), other.admin().id());
        TestUser helpDesk = org.addMember(keycloak);
        String realmManagement = keycloak.realm().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation viewUsers = keycloak.realm().clients().get(realmManagement).roles().get("view-users").toRepresentation();
        keycloak.realm().users().get(helpDesk.id()).roles().clientLevel(realmManagement).add(List.of(viewUsers));
        TestUser plain = org.addMember(keycloak);

        for (TestUser beyond : List.of(inTwo, other.admin(), helpDesk)) {
            Answer refused = api.post(org.path("members/" + beyond.id() + "/phone-reset"), org.adminToken(), "");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("reset_needs_realm_admin");
            assertThat(phones(keycloak, beyond)).hasSize(1);
        }

        Answer first = api.post(org.path("members/" + plain.id() + "/phone-reset"), org.adminToken(), "");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        Answer second = api.post(org.path("members/" + plain.id() + "/phone-reset"), org.adminToken(), "");
        assertThat(second.status()).as(second.toString()).isEqualTo(429);
        assertThat(second.json().path("error").asText()).isEqualTo("reset_too_soon");
        assertThat(Long.parseLong(second.header("Retry-After"))).isBetween(1L, 600L);
    }

    @Test
    void aVoiceCallToAUkPersonalNumberCreatedWithTheUserIsRefusedAtSendWithNothingSent(PimKeycloak keycloak) {
        String personal = "+447012345678";
        TestUser user = TestUsers.create(keycloak, List.of(personal));
        int sentBefore = keycloak.awsFake().sentTo(personal).size();

        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
        Page refused = signIn.send(select.phoneIds().get(0), "voice");

        assertThat(refused.isCallback()).isFalse();
        assertThat(refused.text()).contains("Codes cannot be sent to this kind of number");
        assertThat(keycloak.awsFake().sentTo(personal)).hasSize(sentBefore);
    }

    @Test
    void aFixedLineCreatedWithTheUserKeepsOnlyVoice(PimKeycloak keycloak) {
        TestUser user = TestUsers.create(keycloak, List.of("+442079460123"));
        PimPhonesApi api = new PimPhonesApi(keycloak);
        Answer phones = api.get("users/" + user.id() + "/phones", api.serverAdminToken());
        assertThat(phones.status()).as(phones.toString()).isEqualTo(200);
        assertThat(phones.json().get(0).path("deliveryMethods").toString()).isEqualTo("[\"voice\"]");
    }

    private static String emailOf(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).toRepresentation().getEmail();
    }

    private static List<CredentialRepresentation> phones(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> "phone".equals(credential.getType())).toList();
    }

    private static int mailsTo(PimKeycloak keycloak, String address) {
        return keycloak.mail().getReceivedMessagesForDomain(address).length;
    }

    private static List<String> subjectsTo(PimKeycloak keycloak, String address) {
        keycloak.mailbox().newestTo(address);
        return Arrays.stream(keycloak.mail().getReceivedMessagesForDomain(address)).map(message -> {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static boolean opensPhoneRegistration(PimKeycloak keycloak, String link) {
        return new Browser(keycloak.baseUrl()).openMailedLink(link).hasForm("pim-phone-register");
    }

    private static HttpResponse<String> changeEmailInAccount(PimKeycloak keycloak, String token, TestUser user, String email)
            throws Exception {
        return account(keycloak, token, "POST", "", JSON.writeValueAsString(Map.of(
                "username", user.username(), "email", email, "firstName", "Test", "lastName", "User")));
    }

    private static HttpResponse<String> account(PimKeycloak keycloak, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(keycloak.baseUrl().resolve("/realms/pim/account/" + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
