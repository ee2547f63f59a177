package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.pimaccess.keycloak.it.chromium.Axe;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.chromium.PimRelyingParty;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * An organization that requires passkeys, in Chromium with a virtual authenticator: its admin sets it on the org-admin
 * page; a member who has only a phone signs in to PIM (which asks phone OTP) with password and code, adds a passkey,
 * and PIM gets {@code acr=passkey}; the next sign-in is the passkey alone. A member who declines ends on a page that
 * names the organization and its admins, with no session and no token.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class OrgSignInPolicyInChromiumIT {

    private static final String PASSKEY_TYPE = "webauthn-passwordless";

    @Test
    void anAdminRequiresPasskeysAndAMemberWithOnlyAPhoneAddsOneOnTheWayIntoPim(PimKeycloak keycloak, Browsers browsers) {
        OrgFixture org = OrgFixture.create(keycloak, "Wing Parts");
        TestUser member = org.addMember(keycloak);

        // 1. The admin, on the org-admin page: the policy section, who has no passkey yet, then Passkey.
        Chromium adminBrowser = browsers.open(1280, 900);
        WebDriver adminPage = adminBrowser.driver();
        PimPages.signInToOrgAdminPage(adminBrowser, keycloak.baseUrl(), keycloak.awsFake(), org.admin(), "sms");
        adminBrowser.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), org.name()));
        adminBrowser.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-policy")));
        assertThat(new Select(adminPage.findElement(By.id("policy-level"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("phone-otp");
        assertThat(adminPage.findElement(By.cssSelector("#policy-without-passkey li[data-id='" + member.id() + "']")).getText())
                .isEqualTo("Test User <" + member.username() + "@example.test>");
        assertThat(Axe.pinned().check(adminBrowser, "org-admin page, sign-in policy section", Set.of())).isEmpty();
        new Select(adminPage.findElement(By.id("policy-level"))).selectByValue("passkey");
        adminPage.findElement(By.id("policy-save")).click();
        adminBrowser.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"),
                "The sign-in policy was saved."));
        assertThat(new OrgAdminApi(keycloak).get(org.path("sign-in-policy"), org.adminToken()).json().path("level").asText())
                .isEqualTo("passkey");

        // 2. The member signs in to PIM: password, code, then the passkey is added; PIM gets acr=passkey.
        Chromium chromium = browsers.open(1280, 800);
        VirtualAuthenticator laptop = chromium.addPasskeyAuthenticator();
        WebDriver page = chromium.driver();
        try (PimRelyingParty pim = PimRelyingParty.start(keycloak)) {
            page.get(pim.url("/login"));
            PimPages.password(chromium, member);
            PimPages.phoneOtp(chromium, keycloak.awsFake(), member, "sms");
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("pim-passkey-add"))).click();
            PimPages.registerPasskey(chromium, "Hangar laptop");
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")));
            assertThat(page.findElement(By.id("rp-acr")).getText()).isEqualTo("passkey");
            assertThat(laptop.getCredentials()).hasSize(1);
            assertThat(passkeysOf(keycloak, member)).extracting(CredentialRepresentation::getUserLabel)
                    .containsExactly("Hangar laptop");

            // 3. A new sign-in: the passkey alone, no code sent.
            int codesBefore = keycloak.awsFake().sentTo(member.phone()).size();
            forgetKeycloakCookies(keycloak, page);
            page.get(pim.url("/login"));
            PimPages.passkey(chromium, driver -> !driver.findElements(By.id("rp-acr")).isEmpty());
            assertThat(page.findElement(By.id("rp-acr")).getText()).isEqualTo("passkey");
            assertThat(page.findElement(By.id("rp-user")).getText()).isEqualTo(member.username());
            assertThat(keycloak.awsFake().sentTo(member.phone())).hasSize(codesBefore);
        }

        // 4. Home says why: next to the strength, what the organization requires.
        page.get(keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString());
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Passkey"));
        assertThat(page.findElement(By.id("organizations-require")).getText()).isEqualTo("Your organization requires Passkey");
    }

    @Test
    void decliningThePasskeyEndsOnAPageNamingTheOrganizationAndItsAdminsWithNoSessionAndNoToken(PimKeycloak keycloak,
            Browsers browsers) {
        OrgFixture org = OrgFixture.create(keycloak, "Rotor Works");
        TestUser member = org.addMember(keycloak);
        assertThat(new OrgAdminApi(keycloak).put(org.path("sign-in-policy"), org.adminToken(), Map.of("level", "passkey"))
                .status()).isEqualTo(200);
        Chromium chromium = browsers.open(1280, 800);
        chromium.addPasskeyAuthenticator();
        WebDriver page = chromium.driver();

        try (PimRelyingParty pim = PimRelyingParty.start(keycloak)) {
            page.get(pim.url("/login"));
            PimPages.password(chromium, member);
            PimPages.phoneOtp(chromium, keycloak.awsFake(), member, "sms");
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("pim-passkey-decline"))).click();
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-org-passkey-required")));
            String text = page.findElement(By.id("pim-org-passkey-required")).getText();
            assertThat(text).contains(org.name(), "Test User <" + org.admin().username() + "@example.test>");
            assertThat(page.getTitle() + page.findElement(By.tagName("h1")).getText()).contains("Your organization requires a passkey");
            assertThat(Axe.pinned().check(chromium, "the organization's passkey decline page", Set.of())).isEmpty();

            assertThat(page.getCurrentUrl()).doesNotContain(pim.url("/"));
            assertThat(page.findElements(By.id("rp-acr"))).isEmpty();
            assertThat(keycloak.realm().users().get(member.id()).getUserSessions()).isEmpty();
            assertThat(passkeysOf(keycloak, member)).isEmpty();
        }
    }

    /** Keycloak's cookies live on its own host (localhost), PIM's on 127.0.0.1: a page of Keycloak's to drop them from. */
    private static void forgetKeycloakCookies(PimKeycloak keycloak, WebDriver page) {
        page.get(keycloak.baseUrl().resolve("/realms/pim/").toString());
        page.manage().deleteAllCookies();
    }

    private static List<CredentialRepresentation> passkeysOf(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> PASSKEY_TYPE.equals(credential.getType()))
                .toList();
    }
}
