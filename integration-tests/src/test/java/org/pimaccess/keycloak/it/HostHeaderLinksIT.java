package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Links in mails and the Web OTP line of an SMS take their host from the server's {@code hostname}
 * option (the test server sets it to its own address), never from a request's host: here an outsider
 * names theirs in {@code X-Forwarded-Host}, which Keycloak accepts from the trusted proxy (loopback).
 */
@PimKeycloakTest
class HostHeaderLinksIT {

    private static final String OUTSIDER = "evil.example";

    @Test
    void invitationAndPhoneResetMailsLinkToTheConfiguredHostWhateverHostTheRequestNamed(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Host links");
        OrgAdminApi api = new OrgAdminApi(keycloak).withHeader("X-Forwarded-Host", OUTSIDER);
        String ours = keycloak.baseUrl().getAuthority();

        String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Answer invited = api.post(org.path("invitations"), org.adminToken(), Map.of("email", email, "roles", List.of()));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String invitation = keycloak.mailbox().linkTo(email, "/realms/pim/");
        assertThat(invitation).startsWith("http://" + ours + "/").doesNotContain(OUTSIDER);

        TestUser member = org.addMember(keycloak);
        Answer reset = api.post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        String resetLink = keycloak.mailbox().linkTo(member.username() + "@example.test", "/login-actions/action-token");
        assertThat(resetLink).startsWith("http://" + ours + "/").doesNotContain(OUTSIDER);
    }

    @Test
    void theWebOtpLineNamesTheConfiguredHost(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().header("X-Forwarded-Host", OUTSIDER);
        signIn.open("pim");

        Page codePage = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(codePage.hasForm("pim-phone-otp-code")).as(codePage.text()).isTrue();
        List<String> texts = keycloak.awsFake().sentTo(user.phone()).stream().map(sent -> sent.body()).toList();
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0)).contains("@" + keycloak.baseUrl().getHost() + " #").doesNotContain(OUTSIDER);
    }
}
