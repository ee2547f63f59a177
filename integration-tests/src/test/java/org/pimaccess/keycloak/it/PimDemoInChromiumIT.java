package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Axe;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.FreePorts;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimDemo;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * PIM (demo), {@code examples/pim-demo}, as its own process on the real server: Open Application on home
 * opens it without a second sign-in, it names the first user of a new organization its application
 * administrator, and it refuses a token below phone OTP until the person raises their session. Keycloak
 * tells it of sessions ended elsewhere (OIDC back-channel logout): after a suspension or a phone reset by
 * the org admin, the demo's next page sends the person back to Keycloak. Screenshots of the demo at desktop and phone size land in {@code target/screenshots/}.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class PimDemoInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static PimDemo demo;
    private static AutoCloseable listed;

    @BeforeAll
    static void startTheDemoAndListItOnHome(PimKeycloak keycloak) {
        demo = PimDemo.start(FreePorts.next(), keycloak.baseUrl(), Path.of("target", "it-work", "pim-demo.log"));
        listed = Clients.pimOpensDemo(keycloak, demo);
    }

    @AfterAll
    static void stopTheDemo() throws Exception {
        if (listed != null) {
            listed.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aNewPersonRegistersTheirOrganizationAddsAPhoneAndOpensTheDemoAsItsApplicationAdministrator(
            PimKeycloak keycloak, Browsers browsers) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String alias = "demo-partners-" + suffix;
        String organizationName = "Demo Partners " + suffix;
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();

        // 1. Home sends the person to sign in; they register themselves and a new organization.
        page.get(home(keycloak));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText("Register"))).click();
        PimPages.fillRegistration(chromium, "dana-" + suffix, "Dana", "Demo");
        page.findElement(By.id("organizationName")).sendKeys(organizationName);
        PimPages.submitRegistration(chromium);

        // 2. A phone, then home with "Phone OTP" in the upper right.
        PimPages.registerPhone(chromium, keycloak.awsFake(), TestUsers.newPhoneNumber());
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(page.findElement(By.id("open-pim")).getAttribute("href")).isEqualTo(demo.url("/"));

        // 3. Open Application: the demo, straight away (no password page, no code page on the way).
        page.findElement(By.id("open-pim")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
        assertThat(page.getCurrentUrl()).as("Spring Security's saved request").startsWith(demo.url("/"));
        assertThat(page.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, Dana Demo");
        assertThat(page.findElement(By.id("person-name")).getText()).isEqualTo("Dana Demo");
        assertThat(page.findElement(By.id("strength")).getText()).isEqualTo("Phone OTP");
        assertThat(page.findElement(By.id("claim-acr")).getText()).isEqualTo("phone-otp");
        By organization = By.cssSelector("#organizations li[data-organization='" + alias + "']");
        assertThat(page.findElement(organization).findElement(By.tagName("h3")).getText()).isEqualTo(organizationName);
        assertThat(page.findElement(organization).findElement(By.className("admin-note")).getText())
                .isEqualTo("You are the application administrator for " + organizationName + ".");
        assertThat(page.findElement(organization).findElement(By.className("roles")).getText()).isEqualTo("Organization admin");
        assertThat(page.findElement(organization).findElement(By.className("org-admin-link")).getAttribute("href"))
                .isEqualTo(keycloak.baseUrl().resolve("/realms/pim/pim-org-admin/ui/").toString());
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        PimPages.assertFitsWindow(chromium, "PIM (demo) 1280x800");
        chromium.screenshot(SCREENSHOTS.resolve("pim-demo-1280x800.png"));
        assertThat(Axe.pinned().check(chromium, "PIM (demo) for an application administrator", Set.of())).isEmpty();

        // 4. Sign out: RP-initiated logout at Keycloak, back to home, which asks to sign in again.
        page.findElement(By.id("sign-out")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(page.getCurrentUrl()).contains("client_id=pim-home");
    }

    @Test
    void aPasswordOnlyTokenIsRefusedAndTheSamePersonGetsInAfterRaisingTheSession(PimKeycloak keycloak,
            Browsers browsers) throws Exception {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Demo Colleagues");
        String alias = name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String organization = orgs.create(name);
        orgs.addMember(organization, TestUsers.withPhones(keycloak, 1).id());
        TestUser member = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, member.id());
        Chromium phone = browsers.open(390, 844);
        WebDriver page = phone.driver();

        try (AutoCloseable misconfigured = Clients.pimWithoutMinimumAcr(keycloak)) {
            // 1. Someone holding only the password edits the demo's request down to acr_values=password.
            page.get(demo.url("/"));
            phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
            String asked = page.getCurrentUrl();
            assertThat(asked).contains("acr_values=phone-otp", "code_challenge_method=S256");
            page.get(asked.replace("acr_values=phone-otp", "acr_values=password"));
            PimPages.password(phone, member);

            // 2. Keycloak signed a token at acr=password; the demo refuses it and says what is missing.
            phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("too-weak")));
            assertThat(page.findElement(By.id("weak-text")).getText()).startsWith("Your session has Password.");
            assertThat(page.findElement(By.id("weak-missing")).getText()).isEqualTo("Missing: a one-time code from your phone.");
            assertThat(page.findElement(By.id("raise")).getText()).isEqualTo("Raise to Phone OTP");
            PimPages.assertFitsWindow(phone, "PIM (demo) refusing acr=password at 390x844");
            assertThat(Axe.pinned().check(phone, "PIM (demo) refusing a password-only session", Set.of())).isEmpty();
            phone.driver().manage().window().setSize(Axe.PHONE);

            // 3. Raise: a new request for phone-otp; Keycloak asks only for the code.
            page.findElement(By.id("raise")).click();
            PimPages.phoneOtp(phone, keycloak.awsFake(), member, "sms");
        }

        // 4. In, at phone OTP, as a member without roles: told what to ask their admin.
        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
        assertThat(page.findElement(By.id("strength")).getText()).isEqualTo("Phone OTP");
        By organizationCard = By.cssSelector("#organizations li[data-organization='" + alias + "']");
        assertThat(page.findElement(organizationCard).findElement(By.className("no-roles")).getText())
                .isEqualTo("You have no role in " + name + " yet. Ask your organization’s administrator to give you one "
                        + "on their organization page: Viewer to read, Editor to change.");
        assertThat(page.findElement(organizationCard).findElements(By.className("admin-note"))).isEmpty();
        PimPages.assertFitsWindow(phone, "PIM (demo) 390x844");
        phone.screenshot(SCREENSHOTS.resolve("pim-demo-390x844.png"));
        assertThat(Axe.pinned().check(phone, "PIM (demo) for a member without roles", Set.of())).isEmpty();
    }

    @Test
    void anEditorSuspendedByTheirOrgAdminIsSentBackToKeycloakOnTheDemosNextPage(PimKeycloak keycloak, Browsers browsers) {
        OrgFixture org = OrgFixture.create(keycloak, "Demo Suspends");
        Chromium chromium = browsers.open(1280, 800);
        TestUser editor = editorSignedInToTheDemo(keycloak, org, chromium);

        Answer suspended = new OrgAdminApi(keycloak).post(org.path("members/" + editor.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "Left the project"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);

        assertNextPageIsKeycloaksSignIn(keycloak, chromium);
    }

    @Test
    void aPersonWhosePhonesTheOrgAdminResetIsSentBackToKeycloakOnTheDemosNextPage(PimKeycloak keycloak, Browsers browsers) {
        OrgFixture org = OrgFixture.create(keycloak, "Demo Resets");
        Chromium chromium = browsers.open(1280, 800);
        TestUser editor = editorSignedInToTheDemo(keycloak, org, chromium);

        Answer reset = new OrgAdminApi(keycloak).post(org.path("members/" + editor.id() + "/phone-reset"), org.adminToken(), Map.of());
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);

        assertNextPageIsKeycloaksSignIn(keycloak, chromium);
    }

    /** A member made editor signs in to the demo with phone OTP; a reload still shows the demo (its own session). */
    private static TestUser editorSignedInToTheDemo(PimKeycloak keycloak, OrgFixture org, Chromium chromium) {
        TestUser editor = org.addMember(keycloak);
        Answer roles = new OrgAdminApi(keycloak).put(org.path("members/" + editor.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-editor")));
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        WebDriver page = chromium.driver();
        page.get(demo.url("/"));
        PimPages.password(chromium, editor);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), editor, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
        page.get(demo.url("/"));
        By card = By.cssSelector("#organizations li[data-organization='" + org.alias() + "'] .roles");
        assertThat(chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(card)).getText())
                .isEqualTo("Editor");
        return editor;
    }

    /**
     * Keycloak posts the logout token while it ends the session; the demo's next page, loaded again until the
     * deadline, is Keycloak's sign-in page, never the demo with the old roles.
     */
    private static void assertNextPageIsKeycloaksSignIn(PimKeycloak keycloak, Chromium chromium) {
        String keycloakOrigin = keycloak.baseUrl().resolve("/").toString();
        chromium.waitUpTo(PimPages.WAIT).withMessage("the demo's next page to be Keycloak's (" + keycloakOrigin
                + "): Keycloak posts a logout token to the demo when the session ends").until(driver -> {
            driver.get(demo.url("/"));
            return driver.getCurrentUrl().startsWith(keycloakOrigin);
        });
        WebDriver page = chromium.driver();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertThat(page.getCurrentUrl()).contains("client_id=pim");
        assertThat(page.findElements(By.id("welcome"))).isEmpty();
    }

    private static String home(PimKeycloak keycloak) {
        return keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
    }
}
