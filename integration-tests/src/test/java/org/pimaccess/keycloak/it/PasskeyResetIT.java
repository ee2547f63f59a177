package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SoftwarePasskey;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * A lost passkey: the org admin removes a member's passkeys under the phone reset's rules (inside the
 * organization, once per cooldown, mailed), and a phone reset and a passkey reset leave each other's credentials
 * alone. The passkeys are stored through the admin API: removing one needs no working key.
 */
@PimKeycloakTest
class PasskeyResetIT {

    private static final String PASSKEY = "webauthn-passwordless";

    @Test
    void anOrgAdminRemovesAMembersPasskeysWhichIsMailedLeavesThePhonesAndWaitsForTheCooldown(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Lost Laptop");
        TestUser member = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Lost laptop"));
        new Orgs(keycloak).addMember(org.id(), member.id());
        OrgAdminApi api = new OrgAdminApi(keycloak);

        Answer reset = api.post(org.path("members/" + member.id() + "/passkey-reset"), org.adminToken(), "");

        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        assertThat(reset.json().path("passkeysRemoved").asInt()).isEqualTo(1);
        assertThat(credentials(keycloak, member, PASSKEY)).isEmpty();
        assertThat(credentials(keycloak, member, "phone")).hasSize(1);
        String email = member.username() + "@example.test";
        MimeMessage mail = keycloak.mailbox().newestTo(email, "A passkey was removed from your account");
        assertThat(Mailbox.textOf(mail)).contains("Lost laptop");
        assertThat(keycloak.realm().getAdminEvents(null, null, null, null, null,
                "organizations/" + org.id() + "/members/" + member.id() + "/passkey-reset", null, null, 0, 10)).hasSize(1);

        TestUser second = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Second key"));
        new Orgs(keycloak).addMember(org.id(), second.id());
        assertThat(api.post(org.path("members/" + second.id() + "/passkey-reset"), org.adminToken(), "").status())
                .as("the cooldown is per member").isEqualTo(202);
        Answer again = api.post(org.path("members/" + member.id() + "/passkey-reset"), org.adminToken(), "");
        assertThat(again.status()).as(again.toString()).isEqualTo(429);
        assertThat(again.json().path("error").asText()).isEqualTo("reset_too_soon");
        assertThat(again.header("Retry-After")).isNotBlank();
    }

    @Test
    void aPhoneResetLeavesThePasskeys(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Lost Phone Keeps Key");
        TestUser member = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Desk key"));
        new Orgs(keycloak).addMember(org.id(), member.id());

        Answer reset = new OrgAdminApi(keycloak).post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");

        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        assertThat(credentials(keycloak, member, "phone")).isEmpty();
        assertThat(credentials(keycloak, member, PASSKEY)).extracting(CredentialRepresentation::getUserLabel)
                .containsExactly("Desk key");
    }

    @Test
    void anOrgAdminCannotRemoveTheirOwnPasskeysNorThoseOfAMemberOfAnotherOrganization(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Key Rules");
        TestUser both = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Shared key"));
        new Orgs(keycloak).addMember(org.id(), both.id());
        new Orgs(keycloak).addMember(OrgFixture.create(keycloak, "Key Rules Elsewhere").id(), both.id());
        OrgAdminApi api = new OrgAdminApi(keycloak);

        Answer self = api.post(org.path("members/" + org.admin().id() + "/passkey-reset"), org.adminToken(), "");
        Answer beyond = api.post(org.path("members/" + both.id() + "/passkey-reset"), org.adminToken(), "");

        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().path("error").asText()).isEqualTo("cannot_reset_self");
        assertThat(beyond.status()).isEqualTo(403);
        assertThat(beyond.json().path("error").asText()).isEqualTo("reset_needs_realm_admin");
        assertThat(credentials(keycloak, both, PASSKEY)).hasSize(1);
    }

    private static List<CredentialRepresentation> credentials(PimKeycloak keycloak, TestUser user, String type) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> type.equals(credential.getType())).toList();
    }

}
