package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.pimaccess.keycloak.it.chromium.Axe;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.chromium.PimRelyingParty;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.SoftwarePasskey;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * Level 3, {@code acr=passkey}, in Chromium with Selenium's virtual authenticator (CTAP2, resident keys, user
 * verification): a passkey is added from home only at the phone-OTP level, and signing in with it alone asks
 * neither the password nor a code, yet meets every application that asks for phone OTP. Screenshots of the sign-in
 * page with its passkey button and of home at "Passkey" land in {@code target/screenshots/}.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class PasskeyInChromiumIT {

    private static final String PASSKEY_TYPE = "webauthn-passwordless";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void aPersonAddsAPasskeyFromHomeAfterPhoneOtpThenSignsInWithItAloneAndOpensPimWithoutACode(PimKeycloak keycloak,
            Browsers browsers) {
        OrgFixture organization = OrgFixture.create(keycloak, "Passkey Partners");
        TestUser user = organization.addMember(keycloak);
        Chromium chromium = browsers.open(1280, 800);
        VirtualAuthenticator laptop = chromium.addPasskeyAuthenticator();
        WebDriver page = chromium.driver();

        // 1. Home: password and phone OTP, then Add a passkey.
        page.get(home(keycloak));
        PimPages.password(chromium, user);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), user, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(page.findElement(By.id("no-passkeys")).isDisplayed()).isTrue();
        page.findElement(By.id("add-passkey")).click();

        // 2. Keycloak's passkey registration, at once: the session already has phone OTP.
        PimPages.registerPasskey(chromium, "Work laptop");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"), "Your passkeys are up to date."));
        assertThat(page.findElement(By.id("passkeys")).getText()).contains("Work laptop");
        assertThat(page.findElement(By.cssSelector("#passkeys .last-used")).getText()).isEqualTo("Not yet");
        assertThat(laptop.getCredentials()).hasSize(1).allMatch(credential -> credential.isResidentCredential());
        assertThat(passkeysOf(keycloak, user)).extracting(CredentialRepresentation::getUserLabel).containsExactly("Work laptop");
        assertThat(newestMailTo(keycloak, user, "A passkey was added to your account")).contains("Work laptop");
        // Their org admin sees that they have a passkey (and that the admin has none).
        JsonNode members = new OrgAdminApi(keycloak).get(organization.path("members"), organization.adminToken()).json();
        assertThat(members.findValues("id")).hasSize(2);
        members.forEach(member -> assertThat(member.get("passkey").asBoolean()).as(member.get("username").asText())
                .isEqualTo(member.get("id").asText().equals(user.id())));

        // 3. Sign out, then sign in with the passkey alone: no password typed, no code sent.
        int codesBefore = keycloak.awsFake().sentTo(user.phone()).size();
        WebElement signOut = page.findElement(By.id("sign-out"));
        signOut.click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.stalenessOf(signOut));
        PimPages.passkey(chromium, ExpectedConditions.textToBe(By.id("strength"), "Passkey"));
        assertThat(page.findElement(By.id("strength")).getAttribute("title")).contains("passkey");
        assertThat(page.findElement(By.id("strength-help")).getText()).contains("strongest");
        assertThat(page.findElements(By.id("raise"))).isEmpty();
        assertThat(page.findElement(By.cssSelector("#passkeys .last-used")).getText()).isNotEqualTo("Not yet").isNotBlank();
        chromium.screenshot(SCREENSHOTS.resolve("home-passkey-1280x800.png"));
        assertThat(Axe.pinned().check(chromium, "home at Passkey with a passkey listed", Set.of())).isEmpty();

        // 4. PIM demands phone OTP: it opens without an SMS, and its ID token says acr=passkey.
        try (PimRelyingParty pim = PimRelyingParty.start(keycloak)) {
            page.get(pim.url("/login"));
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")));
            assertThat(page.findElement(By.id("rp-acr")).getText()).isEqualTo("passkey");
            assertThat(page.findElement(By.id("rp-user")).getText()).isEqualTo(user.username());
        }
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(codesBefore);

        // 5. A realm admin removes it: the person is told by mail, like for a phone.
        keycloak.realm().users().get(user.id()).removeCredential(passkeysOf(keycloak, user).get(0).getId());
        assertThat(newestMailTo(keycloak, user, "A passkey was removed from your account")).contains("Work laptop");
    }

    @Test
    void homeShowsRequiresPasskeyAndRaisesAPhoneOtpSessionToPasskey(PimKeycloak keycloak, Browsers browsers) {
        ClientRepresentation vault = new ClientRepresentation();
        vault.setClientId("passkey-vault-" + UUID.randomUUID().toString().substring(0, 8));
        vault.setName("Key Vault");
        vault.setPublicClient(true);
        vault.setBaseUrl("https://vault.example.test/");
        vault.setAttributes(Map.of("pim.home", "true", "minimum.acr.value", "passkey"));
        String vaultId;
        try (Response created = keycloak.realm().clients().create(vault)) {
            vaultId = CreatedResponseUtil.getCreatedId(created);
        }
        try {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            Chromium chromium = browsers.open(1280, 800);
            chromium.addPasskeyAuthenticator();
            WebDriver page = chromium.driver();
            String card = "app-" + vault.getClientId();

            page.get(home(keycloak));
            PimPages.password(chromium, user);
            PimPages.phoneOtp(chromium, keycloak.awsFake(), user, "sms");
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
            assertThat(page.findElement(By.id(card)).getText()).contains("Key Vault", "Requires: Passkey",
                    "Your session has Phone OTP; this application asks for Passkey.");
            assertThat(page.findElement(By.id("raise")).getText()).isEqualTo("Raise to Passkey");

            page.findElement(By.id("add-passkey")).click();
            PimPages.registerPasskey(chromium, "Vault key");
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"), "Your passkeys are up to date."));

            // acr_values=passkey: Keycloak's passkey check, no code.
            int codesBefore = keycloak.awsFake().sentTo(user.phone()).size();
            page.findElement(By.id("raise")).click();
            PimPages.passkey(chromium, ExpectedConditions.textToBe(By.id("strength"), "Passkey"));
            assertThat(page.findElement(By.id("message")).getText()).isEqualTo("Your session now has Passkey.");
            assertThat(page.findElements(By.id("raise"))).isEmpty();
            assertThat(page.findElement(By.id(card)).getText()).doesNotContain("asks for");
            assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(codesBefore);
        } finally {
            keycloak.realm().clients().get(vaultId).remove();
        }
    }

    @Test
    void anOrgAdminSeesWhoHasAPasskeyAndRemovesAMembersPasskeysOnTheOrgAdminPage(PimKeycloak keycloak, Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Key Desk");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        TestUser member = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Lost laptop"));
        orgs.addMember(organization, member.id());
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();

        PimPages.signInToOrgAdminPage(chromium, keycloak.baseUrl(), keycloak.awsFake(), admin, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        assertThat(page.findElement(By.cssSelector("#members tr[data-email='" + member.username() + "@example.test'] .passkey"))
                .getText()).isEqualTo("Yes");
        assertThat(page.findElement(By.cssSelector("#members tr[data-email='" + admin.username() + "@example.test'] .passkey"))
                .getText()).isEqualTo("No");
        assertThat(page.findElements(By.id("remove-passkeys-" + admin.id()))).isEmpty();

        page.findElement(By.id("remove-passkeys-" + member.id())).click();
        Alert confirmation = chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.alertIsPresent());
        assertThat(confirmation.getText()).contains("Remove every passkey of Test User?");
        confirmation.accept();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"),
                "The passkeys of Test User were removed. They were told by email."));
        assertThat(page.findElement(By.cssSelector("#members tr[data-email='" + member.username() + "@example.test'] .passkey"))
                .getText()).isEqualTo("No");
        assertThat(passkeysOf(keycloak, member)).isEmpty();
        assertThat(newestMailTo(keycloak, member, "A passkey was removed from your account")).contains("Lost laptop");
        assertThat(Axe.pinned().check(chromium, "org-admin page with the passkey column", Set.of())).isEmpty();
    }

    @Test
    void withAPasswordOnlySessionAddingAPasskeyAsksForPhoneOtpFirst(PimKeycloak keycloak, Browsers browsers) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Chromium chromium = browsers.open(1280, 800);
        chromium.addPasskeyAuthenticator();
        WebDriver page = chromium.driver();

        // A stolen password gives a password-only session.
        chromium.openSignIn(keycloak.baseUrl(), Clients.passwordOnly(keycloak), "password");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("authenticateWebAuthnButton")));
        chromium.screenshot(SCREENSHOTS.resolve("sign-in-passkey-1280x800.png"));
        assertThat(Axe.pinned().check(chromium, "sign-in page with the passkey", Set.of())).isEmpty();
        PimPages.password(chromium, user);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.urlContains(Chromium.CALLBACK));
        page.get(home(keycloak));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Password"));

        assertThat(page.findElement(By.id("add-passkey")).isDisplayed()).as("home shows a password alone no sign-in methods")
                .isFalse();

        // Asking for the passkey registration directly: the phone code comes first, the registration only after it.
        chromium.openAction(keycloak.baseUrl(), Clients.passwordOnly(keycloak), "webauthn-register-passwordless");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
        assertThat(page.findElements(By.id("registerWebAuthn"))).isEmpty();
        assertThat(passkeysOf(keycloak, user)).isEmpty();
        PimPages.phoneOtp(chromium, keycloak.awsFake(), user, "sms");
        PimPages.registerPasskey(chromium, "Phone-checked key");
        List<CredentialRepresentation> added = Poll.until(Duration.ofSeconds(30), () -> passkeysOf(keycloak, user),
                passkeys -> !passkeys.isEmpty(), "the passkey stored");
        assertThat(added).extracting(CredentialRepresentation::getUserLabel).containsExactly("Phone-checked key");
    }

    @Test
    void aPersonWithoutAPasskeyAskedForPasskeyGetsPasswordPhoneOtpThenTheRegistration(PimKeycloak keycloak, Browsers browsers) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Chromium chromium = browsers.open(1280, 800);
        chromium.addPasskeyAuthenticator();
        WebDriver page = chromium.driver();

        chromium.openSignIn(keycloak.baseUrl(), Clients.passwordOnly(keycloak), "passkey");
        PimPages.password(chromium, user);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), user, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("pim-passkey-add")));
        assertThat(Axe.pinned().check(chromium, "the passkey offer", Set.of())).isEmpty();
        page.findElement(By.id("pim-passkey-add")).click();
        PimPages.registerPasskey(chromium, "First key");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.urlContains(Chromium.CALLBACK));
        assertThat(page.getCurrentUrl()).contains("code=").doesNotContain("error=");
        assertThat(passkeysOf(keycloak, user)).extracting(CredentialRepresentation::getUserLabel).containsExactly("First key");

        page.get(home(keycloak));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Passkey"));
    }

    @Test
    void declaringNoPasskeyGivesTheApplicationNotMetAndNoSession(PimKeycloak keycloak, Browsers browsers) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Chromium chromium = browsers.open(1280, 800);
        chromium.addPasskeyAuthenticator();
        WebDriver page = chromium.driver();

        chromium.openSignIn(keycloak.baseUrl(), Clients.passwordOnly(keycloak), "passkey");
        PimPages.password(chromium, user);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), user, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("pim-passkey-decline"))).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.urlContains(Chromium.CALLBACK));
        assertThat(URLDecoder.decode(page.getCurrentUrl(), StandardCharsets.UTF_8))
                .contains("error=access_denied", "error_description=acr passkey not met").doesNotContain("code=");
        assertThat(passkeysOf(keycloak, user)).isEmpty();

        // Not even a phone-OTP session was left behind: home asks to sign in.
        page.get(home(keycloak));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }

    private static List<CredentialRepresentation> passkeysOf(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> PASSKEY_TYPE.equals(credential.getType()))
                .toList();
    }

    /** The text of the newest mail to the person, once it has this subject. */
    private static String newestMailTo(PimKeycloak keycloak, TestUser user, String subject) {
        String address = user.username() + "@example.test";
        MimeMessage mail = Poll.until(Duration.ofSeconds(60), () -> keycloak.mailbox().newestTo(address),
                message -> subject.equals(subjectOf(message)), "a mail '" + subject + "' to " + address);
        return Mailbox.textOf(mail);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String home(PimKeycloak keycloak) {
        return keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
    }
}
