package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * The invitation mail (theme {@code pim}) relays nothing but plain text, its plain-text link works as
 * written, and an organization cannot mail an address or many addresses without end.
 */
@PimKeycloakTest
class OrgInvitationMailIT {

    private static final Pattern FIRST_URL = Pattern.compile("^(https?://\\S+)$", Pattern.MULTILINE);

    @Test
    void theMailSaysWhoInvitedToWhichOrganizationApplicationAndRolesAndItsPlainTextLinkWorksAsWritten(PimKeycloak keycloak)
            throws Exception {
        OrgFixture org = OrgFixture.create(keycloak, "Mail Ltd");
        String email = "text-link-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Answer invited = new OrgAdminApi(keycloak).post(org.path("invitations"), org.adminToken(),
                Map.of("email", email, "roles", List.of("pim-viewer", "pim-editor")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);

        MimeMessage mail = keycloak.mailbox().newestTo(email);
        String text = Mailbox.part(mail, "text/plain");
        String html = Mailbox.part(mail, "text/html");
        assertThat(text).contains("Test User invites you to join the organization “" + org.name() + "” in PIM, at PIM Access.")
                .contains("- Viewer")
                .contains("- Editor")
                .doesNotContain("&amp;").doesNotContain("&#61;");
        assertThat(html).contains("Test User invites you to join the organization “" + org.name() + "” in PIM");
        Matcher link = FIRST_URL.matcher(text);
        assertThat(link.find()).as(text).isTrue();

        Page registration = new SignIn(keycloak.baseUrl()).browser().get(URI.create(link.group(1)));

        assertThat(registration.status()).as(registration.text()).isEqualTo(200);
        assertThat(registration.hasForm("kc-register-form")).as(registration.text()).isTrue();
        assertThat(registration.document().getElementById("organizationName")).isNull();
    }

    @Test
    void anOrganizationNamedWithMarkupByARealmAdminYieldsNoLiveLinkInEitherPart(PimKeycloak keycloak) throws Exception {
        Orgs orgs = new Orgs(keycloak);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "<a href=\"https://evil.example/login\">Confirm your PIM account</a> <img src=\"https://evil.example/p.gif\"> "
                + suffix;
        String organization = orgs.create(name, "phish-" + suffix);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        String email = "phish-target-" + suffix + "@example.test";

        Answer invited = new OrgAdminApi(keycloak).post("organizations/" + organization + "/invitations",
                Tokens.orgAdmin(keycloak, admin), Map.of("email", email, "roles", List.of("pim-viewer")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);

        MimeMessage mail = keycloak.mailbox().newestTo(email);
        String text = Mailbox.part(mail, "text/plain");
        String html = Mailbox.part(mail, "text/html");
        assertThat(html).doesNotContain("href=\"https://evil.example").doesNotContain("<img").doesNotContain("https://evil")
                .contains("Confirm your PIM account");
        assertThat(text).doesNotContain("href=").doesNotContain("<").doesNotContain("https://evil")
                .contains("Confirm your PIM account").contains(suffix);
        assertThat(mail.getSubject()).doesNotContain("evil");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).as("every link in the HTML part").startsWith(keycloak.baseUrl().toString());
        }
    }

    @Test
    void anAddressInvitedThreeTimesTodayIsNotMailedAFourthTimeEvenAfterRevoking(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Repeat");
        String email = "again-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        for (int i = 1; i <= 3; i++) {
            Answer invited = api.post(org.path("invitations"), org.adminToken(), Map.of("email", email, "roles", List.of()));
            assertThat(invited.status()).as("invitation " + i + ": " + invited).isEqualTo(201);
            assertThat(api.delete(org.path("invitations/" + invited.json().path("id").asText()), org.adminToken()).status())
                    .isEqualTo(204);
        }
        int mails = keycloak.mail().getReceivedMessagesForDomain(email).length;

        Answer fourth = api.post(org.path("invitations"), org.adminToken(), Map.of("email", email, "roles", List.of()));

        assertThat(fourth.status()).as(fourth.toString()).isEqualTo(429);
        assertThat(fourth.json().path("error").asText()).isEqualTo("too_many_invitations");
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(keycloak.mail().getReceivedMessagesForDomain(email)).hasSize(mails);
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).isEmpty();
    }

    @Test
    void anOrganizationSendsAtMostTwentyInvitationsAnHour(PimKeycloak keycloak) {
        OrgAdminApi api = new OrgAdminApi(keycloak);
        OrgFixture org = OrgFixture.create(keycloak, "Busy inviter");
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 20; i++) {
            Answer invited = api.post(org.path("invitations"), org.adminToken(),
                    Map.of("email", "batch-" + batch + "-" + i + "@example.test", "roles", List.of()));
            assertThat(invited.status()).as("invitation " + i + ": " + invited).isEqualTo(201);
        }

        Answer past = api.post(org.path("invitations"), org.adminToken(),
                Map.of("email", "batch-" + batch + "-21@example.test", "roles", List.of()));

        assertThat(past.status()).as(past.toString()).isEqualTo(429);
        assertThat(past.json().path("error").asText()).isEqualTo("too_many_invitations");
        assertThat(Long.parseLong(past.header("Retry-After"))).isBetween(1L, 3_600L);
        assertThat(api.get(org.path("invitations"), org.adminToken()).json()).hasSize(20);
    }
}
