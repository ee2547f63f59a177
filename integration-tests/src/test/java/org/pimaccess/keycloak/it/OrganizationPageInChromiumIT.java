package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Axe;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * The organization asked under any login theme: when the registration page had no organization field (stock
 * {@code keycloak.v2}, or an operator's own theme), the pack asks on its own page right after registration
 * (required action {@code pim-organization}), and the person becomes the new organization's admin. An invitee
 * is not asked. The page passes axe under both themes; its screenshots land in {@code target/screenshots/}.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class OrganizationPageInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void underTheStockThemeANewPersonNamesTheirOrganizationOnThePacksPageAddsAPhoneAndIsItsAdmin(PimKeycloak keycloak,
            Browsers browsers) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Stock Partners " + suffix;
        try (AutoCloseable stock = RealmSettings.change(keycloak.realm(), realm -> realm.setLoginTheme("keycloak.v2"))) {
            Chromium chromium = browsers.open(1280, 800);
            WebDriver page = chromium.driver();

            // 1. Keycloak's own registration page: no organization field.
            page.get(home(keycloak));
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText("Register"))).click();
            PimPages.fillRegistration(chromium, "sam-" + suffix, "Sam", "Stock");
            assertThat(page.findElements(By.id("organizationName"))).isEmpty();
            PimPages.submitRegistration(chromium);

            // 2. The pack's page asks for the organization; an empty name is refused at the field.
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-organization")));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Register your organization");
            chromium.screenshot(SCREENSHOTS.resolve("organization-page-keycloak.v2-1280x800.png"));
            assertThat(Axe.pinned().check(chromium, "organization page, theme keycloak.v2",
                    AccessibilityInChromiumIT.KEYCLOAK_V2_TEMPLATE)).isEmpty();
            page.findElement(By.id("pim-organization-submit")).click();
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-organizationName")));
            assertThat(page.findElement(By.id("input-error-organizationName")).getText())
                    .isEqualTo("Enter the name of your organization.");
            assertThat(page.findElement(By.id("organizationName")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(Axe.pinned().check(chromium, "organization page with an error, theme keycloak.v2",
                    AccessibilityInChromiumIT.KEYCLOAK_V2_TEMPLATE)).isEmpty();
            page.findElement(By.id("organizationName")).sendKeys(name);
            page.findElement(By.id("pim-organization-submit")).click();

            // 3. A phone, then home: the person administers the organization they named.
            PimPages.registerPhone(chromium, keycloak.awsFake(), TestUsers.newPhoneNumber());
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
            assertThat(page.findElement(By.id("organizations")).getText()).contains(name);
            assertThat(page.findElements(By.cssSelector("#organizations a[data-administer]"))).hasSize(1);
        }
    }

    @Test
    void underTheStockThemeAnInviteeRegistersWithoutBeingAskedForAnOrganization(PimKeycloak keycloak, Browsers browsers)
            throws Exception {
        OrgFixture org = OrgFixture.create(keycloak, "Stock Inviter");
        String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Answer invited = new OrgAdminApi(keycloak).post(org.path("invitations"), org.adminToken(),
                Map.of("email", email, "firstName", "Ivy", "lastName", "Invitee", "roles", List.of("pim-viewer")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        try (AutoCloseable stock = RealmSettings.change(keycloak.realm(), realm -> realm.setLoginTheme("keycloak.v2"))) {
            Chromium chromium = browsers.open(1280, 800);
            WebDriver page = chromium.driver();

            page.get(keycloak.mailbox().plainTextLinkTo(email, "/registrations"));
            PimPages.fillRegistration(chromium, "ivy-" + UUID.randomUUID().toString().substring(0, 8), "Ivy", "Invitee");
            PimPages.submitRegistration(chromium);

            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("phoneNumber")));
            assertThat(page.findElements(By.id("pim-organization"))).isEmpty();
            PimPages.registerPhone(chromium, keycloak.awsFake(), TestUsers.newPhoneNumber());
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
            assertThat(page.findElement(By.id("organizations")).getText()).contains(org.name());
            assertThat(page.findElements(By.cssSelector("#organizations a[data-administer]"))).isEmpty();
        }
    }

    /** Theme pim keeps the field on the registration page; a realm admin can still send someone to the pack's page. */
    @Test
    void underThemePimThePacksOrganizationPageAsksAPersonARealmAdminSentThere(PimKeycloak keycloak, Browsers browsers) {
        TestUser person = TestUsers.withPhones(keycloak, 1);
        UserRepresentation user = keycloak.realm().users().get(person.id()).toRepresentation();
        user.setRequiredActions(List.of("pim-organization"));
        keycloak.realm().users().get(person.id()).update(user);
        String name = "Themed Partners " + UUID.randomUUID().toString().substring(0, 8);
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();

        page.get(home(keycloak));
        PimPages.password(chromium, person);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), person, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-organization")));
        assertThat(page.findElements(By.cssSelector("link[href*='pim.css']"))).isNotEmpty();
        chromium.screenshot(SCREENSHOTS.resolve("organization-page-pim-1280x800.png"));
        assertThat(Axe.pinned().check(chromium, "organization page, theme pim", Set.of())).isEmpty();
        page.findElement(By.id("organizationName")).sendKeys(name);
        page.findElement(By.id("pim-organization-submit")).click();

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(page.findElement(By.id("organizations")).getText()).contains(name);
        assertThat(page.findElements(By.cssSelector("#organizations a[data-administer]"))).hasSize(1);
    }

    private static String home(PimKeycloak keycloak) {
        return keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
    }
}
