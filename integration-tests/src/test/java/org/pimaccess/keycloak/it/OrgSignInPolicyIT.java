package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * An organization's sign-in policy ({@code .../sign-in-policy}): who may read and set it, what a bad body gets, the
 * trail and the mail to the other admins; and at sign-in, that a passkey is needed exactly while an active membership
 * asks for one.
 */
@PimKeycloakTest
class OrgSignInPolicyIT {

    @Test
    void anAdminSetsPasskeyTheChangeIsInTheTrailAndMailedToTheOtherAdmins(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Aero Supplier");
        TestUser otherAdmin = org.addMember(keycloak);
        assertThat(api.put(org.path("members/" + otherAdmin.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-org-admin"))).status()).isEqualTo(200);
        // Before the change: afterwards this admin signs in with a passkey only.
        String otherAdminToken = Tokens.orgAdmin(keycloak, otherAdmin);

        JsonNode initial = api.get(org.path("sign-in-policy"), org.adminToken()).json();
        int realmDays = initial.path("maxTrustedBrowserDays").asInt();
        assertThat(realmDays).as("the realm's setting, from its Phone OTP step").isPositive();
        assertThat(initial.path("level").asText()).isEqualTo("phone-otp");
        assertThat(initial.path("trustedBrowserDays").asInt()).as("the default: the realm's setting").isEqualTo(realmDays);

        Answer changed = api.put(org.path("sign-in-policy"), org.adminToken(), Map.of("level", "passkey", "trustedBrowserDays", 0));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("level").asText()).isEqualTo("passkey");
        assertThat(changed.json().path("trustedBrowserDays").asInt()).isZero();
        JsonNode read = api.get(org.path("sign-in-policy"), otherAdminToken).json();
        assertThat(read.path("level").asText()).isEqualTo("passkey");
        assertThat(read.path("trustedBrowserDays").asInt()).isZero();

        JsonNode trail = Poll.until(Duration.ofSeconds(20), () -> api.get(org.path("activity"), org.adminToken()).json(),
                json -> json.findValuesAsText("action").contains("sign_in_policy_changed"), "the change in the trail");
        JsonNode entry = trail.get(0);
        assertThat(entry.path("action").asText()).isEqualTo("sign_in_policy_changed");
        assertThat(entry.path("actor").path("id").asText()).isEqualTo(org.admin().id());
        assertThat(entry.path("policy").path("before").path("level").asText()).isEqualTo("phone-otp");
        assertThat(entry.path("policy").path("before").path("trustedBrowserDays").asInt()).isEqualTo(realmDays);
        assertThat(entry.path("policy").path("after").path("level").asText()).isEqualTo("passkey");
        assertThat(entry.path("policy").path("after").path("trustedBrowserDays").asInt()).isZero();
        assertThat(api.get(org.path("activity.csv"), org.adminToken()).body())
                .contains("\"sign_in_policy_changed\"", "\"phone-otp " + realmDays + "\",\"passkey 0\"");

        String subject = "The sign-in policy of " + org.name() + " changed";
        MimeMessage mail = Poll.until(Duration.ofSeconds(60), () -> keycloak.mailbox().newestTo(otherAdmin.username() + "@example.test"),
                message -> subject.equals(subjectOf(message)), "the mail to the other admin");
        assertThat(Mailbox.textOf(mail)).contains("Test User changed the sign-in policy of " + org.name(),
                "Phone OTP → Passkey", realmDays + " → 0");
        assertThat(keycloak.mailbox().subjectsTo(org.admin().username() + "@example.test"))
                .as("the admin who changed it is not told").doesNotContain(subject);
    }

    @Test
    void aMemberGets403AnAdminOfAnotherOrganization404AndARealmAdminMaySetIt(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Guarded");
        OrgFixture other = OrgFixture.create(keycloak, "Neighbour");
        TestUser member = org.addMember(keycloak);
        String memberToken = Tokens.orgAdmin(keycloak, member);
        Map<String, Object> passkey = Map.of("level", "passkey");

        for (Answer answer : List.of(api.get(org.path("sign-in-policy"), memberToken),
                api.put(org.path("sign-in-policy"), memberToken, passkey))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.json().path("error").asText()).isEqualTo("not_organization_admin");
        }
        for (Answer answer : List.of(api.get(org.path("sign-in-policy"), other.adminToken()),
                api.put(org.path("sign-in-policy"), other.adminToken(), passkey))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.json().path("error").asText()).isEqualTo("organization_not_found");
        }
        assertThat(api.get(org.path("sign-in-policy"), org.adminToken()).json().path("level").asText())
                .as("nothing changed").isEqualTo("phone-otp");

        TestUser realmAdmin = TestUsers.withPhones(keycloak, 1);
        grantManageUsers(keycloak, realmAdmin);
        Answer byRealmAdmin = api.put(org.path("sign-in-policy"), Tokens.orgAdmin(keycloak, realmAdmin), Map.of("level", "passkey",
                "trustedBrowserDays", 7));
        assertThat(byRealmAdmin.status()).as(byRealmAdmin.toString()).isEqualTo(200);
        assertThat(api.get(org.path("sign-in-policy"), org.adminToken()).json().path("trustedBrowserDays").asInt()).isEqualTo(7);
    }

    @Test
    void badBodiesGet400AndChangeNothing(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Careful");
        String path = org.path("sign-in-policy");
        int realmDays = api.get(path, org.adminToken()).json().path("maxTrustedBrowserDays").asInt();
        Map<String, String> bodies = Map.of(
                "{\"level\":\"password\"}", "invalid_level",
                "{\"trustedBrowserDays\":3}", "invalid_level",
                "{\"level\":\"passkey\",\"trustedBrowserDays\":-1}", "invalid_trusted_browser_days",
                "{\"level\":\"passkey\",\"trustedBrowserDays\":" + (realmDays + 1) + "}", "invalid_trusted_browser_days",
                "{\"level\":\"passkey\",\"trustedBrowserDays\":\"many\"}", "invalid_json",
                "[\"passkey\"]", "invalid_json",
                "", "invalid_json");
        bodies.forEach((body, error) -> {
            Answer answer = api.call("PUT", path, org.adminToken(), "application/json", body);
            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(body).isEqualTo(error);
            assertThat(answer.json().path("message").asText()).as(body).isNotBlank();
        });
        Answer notJson = api.call("PUT", path, org.adminToken(), "text/plain", "level=passkey");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).isEqualTo("unsupported_content_type");
        assertThat(api.get(path, org.adminToken()).json().path("level").asText()).isEqualTo("phone-otp");
    }

    @Test
    void aMemberOfTwoOrganizationsNeedsAPasskeyWhileActiveInTheOneThatRequiresIt(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture strict = OrgFixture.create(keycloak, "Strict");
        OrgFixture relaxed = OrgFixture.create(keycloak, "Relaxed");
        TestUser member = strict.addMember(keycloak);
        new Orgs(keycloak).addMember(relaxed.id(), member.id());
        assertThat(api.put(strict.path("sign-in-policy"), strict.adminToken(), Map.of("level", "passkey")).status()).isEqualTo(200);

        Page afterCode = signInToPimWithPasswordAndCode(keycloak, member);
        assertThat(afterCode.hasForm("pim-passkey-offer-form")).as("the passkey offer:\n" + afterCode.text()).isTrue();
        assertThat(afterCode.isCallback()).isFalse();

        // A member of two organizations is a realm admin's to suspend: Strict's admin is one here.
        grantManageUsers(keycloak, strict.admin());
        assertThat(api.post(strict.path("members/" + member.id() + "/suspension"), strict.adminToken(),
                Map.of("reason", "On leave from Strict")).status()).isEqualTo(200);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        Page suspended = signInToPimWithPasswordAndCode(keycloak, member, signIn);
        assertThat(suspended.isCallback()).as("no passkey needed:\n" + suspended.text()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    void anOrganizationWithAPolicyIsDeletedAndItsPolicyWithIt(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Short Lived");
        assertThat(api.put(org.path("sign-in-policy"), org.adminToken(), Map.of("level", "passkey")).status()).isEqualTo(200);

        try (Response deleted = new Orgs(keycloak).get(org.id()).delete()) {
            assertThat(deleted.getStatus()).as("the policy row goes with the organization (ON DELETE CASCADE)").isEqualTo(204);
        }
        assertThat(api.get(org.path("sign-in-policy"), org.adminToken()).status()).isEqualTo(404);
    }

    private static Page signInToPimWithPasswordAndCode(PimKeycloak keycloak, TestUser user) {
        return signInToPimWithPasswordAndCode(keycloak, user, new SignIn(keycloak.baseUrl()));
    }

    private static Page signInToPimWithPasswordAndCode(PimKeycloak keycloak, TestUser user, SignIn signIn) {
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
        signIn.send(select.phoneIds().get(0), "sms");
        return signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
    }

    private static void grantManageUsers(PimKeycloak keycloak, TestUser user) {
        String realmManagement = keycloak.realm().clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation manageUsers = keycloak.realm().clients().get(realmManagement).roles().get("manage-users").toRepresentation();
        keycloak.realm().users().get(user.id()).roles().clientLevel(realmManagement).add(List.of(manageUsers));
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
