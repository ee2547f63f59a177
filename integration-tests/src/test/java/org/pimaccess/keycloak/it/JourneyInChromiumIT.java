package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.chromium.PimRelyingParty;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;

/**
 * The whole journey, each step clicked in Chromium: a person registers their organization, registers a
 * phone, opens PIM with acr=phone-otp, signs in again by voice, invites a colleague on the org-admin
 * page; the colleague registers through the mailed link in a fresh profile and signs in; the admin
 * changes the colleague's role and the colleague's next token carries it.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class JourneyInChromiumIT {

    @Test
    void fromRegisteringAnOrganizationToAColleagueWithAChangedRole(PimKeycloak keycloak, Browsers browsers) {
        try (PimRelyingParty pim = PimRelyingParty.start(keycloak.baseUrl())) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String organization = "Journey Partners " + suffix;
            String adminName = "ada-" + suffix;
            String number = TestUsers.newPhoneNumber();
            Chromium admin = browsers.open(1280, 800);
            WebDriver page = admin.driver();

            // 1. Register with a new organization.
            page.get(pim.url("/login"));
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText("Register"))).click();
            PimPages.fillRegistration(admin, adminName, "Ada", "Admin");
            page.findElement(By.id("organizationName")).sendKeys(organization);
            PimPages.submitRegistration(admin);

            // 2. Register a phone: national digits with the country, SMS, Send, the code, Submit.
            PimPages.registerPhone(admin, keycloak.awsFake(), number);

            // 3. PIM shows phone-otp and the organization.
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")));
            assertThat(page.findElement(By.id("rp-acr")).getText()).isEqualTo("phone-otp");
            assertThat(page.findElement(By.id("rp-organization")).getText()).contains("journey-partners-" + suffix);
            assertThat(page.findElement(By.cssSelector("#rp-roles li[data-organization='journey-partners-" + suffix + "']"))
                    .getText()).contains("pim-org-admin");

            // 4. Sign out, sign in again with the password, choose Voice.
            page.findElement(By.id("rp-logout")).click();
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-login"))).click();
            PimPages.password(admin, new TestUsers.TestUser(null, adminName, List.of(number)));
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
            assertThat(page.findElement(By.cssSelector("label[for=phone-0]")).getText()).contains("+1 •••-•••-" + number.substring(8));
            assertThat(page.findElement(By.id("deliveryMethod-sms")).isDisplayed()).isTrue();
            PimPages.phoneOtp(admin, keycloak.awsFake(), new TestUsers.TestUser(null, adminName, List.of(number)), "voice");
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("rp-acr"), "phone-otp"));

            // 5. The org-admin page: admin, "Phone OTP", invite a colleague with pim-viewer.
            page.get(keycloak.baseUrl().resolve("/realms/pim/pim-org-admin/ui/").toString());
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), organization));
            assertThat(page.findElement(By.id("strength")).getText()).isEqualTo("Phone OTP");
            assertThat(page.findElements(By.cssSelector("#members tr[data-email='" + adminName + "@example.test'] input:checked")))
                    .extracting(box -> box.getAttribute("value")).containsExactly("pim-org-admin");
            String colleagueEmail = "cora-" + suffix + "@example.test";
            page.findElement(By.id("invite-email")).sendKeys(colleagueEmail);
            page.findElement(By.id("invite-send")).click();
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"),
                    "An invitation was sent to " + colleagueEmail + "."));

            // 6. The colleague, in a fresh profile: the mailed link, registration, a phone, a sign-in.
            Chromium colleague = browsers.open(1280, 800);
            String colleagueNumber = TestUsers.newPhoneNumber();
            colleague.driver().get(keycloak.mailbox().linkTo(colleagueEmail, "token="));
            colleague.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName")));
            assertThat(colleague.driver().findElements(By.id("organizationName"))).isEmpty();
            PimPages.fillRegistration(colleague, "cora-" + suffix, "Cora", "Colleague");
            PimPages.submitRegistration(colleague);
            PimPages.registerPhone(colleague, keycloak.awsFake(), colleagueNumber);
            // Registering through the link signed the colleague in on home; PIM asks for
            // whatever that session does not cover yet (password and phone OTP here).
            TestUsers.TestUser cora = new TestUsers.TestUser(null, "cora-" + suffix, List.of(colleagueNumber));
            colleague.driver().get(pim.url("/login"));
            colleague.waitUpTo(PimPages.WAIT).until(ExpectedConditions.or(
                    ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")),
                    ExpectedConditions.visibilityOfElementLocated(By.id("password")),
                    ExpectedConditions.visibilityOfElementLocated(By.id("pim-send"))));
            if (!colleague.driver().findElements(By.id("password")).isEmpty()) {
                PimPages.password(colleague, cora);
                colleague.waitUpTo(PimPages.WAIT).until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")),
                        ExpectedConditions.visibilityOfElementLocated(By.id("pim-send"))));
            }
            if (!colleague.driver().findElements(By.id("pim-send")).isEmpty()) {
                PimPages.phoneOtp(colleague, keycloak.awsFake(), cora, "sms");
            }
            colleague.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")));
            assertThat(colleague.driver().findElement(By.id("rp-acr")).getText()).isEqualTo("phone-otp");
            assertThat(colleague.driver().findElement(By.id("rp-organization")).getText()).contains("journey-partners-" + suffix);
            By rolesInJourney = By.cssSelector("#rp-roles li[data-organization='journey-partners-" + suffix + "']");
            assertThat(colleague.driver().findElement(rolesInJourney).getText()).contains("pim-viewer");

            // 7. The admin reloads, sees pim-viewer, changes it to pim-editor; the colleague's next token has it.
            page.navigate().refresh();
            By colleagueRow = By.cssSelector("#members tr[data-email='" + colleagueEmail + "']");
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(colleagueRow));
            assertThat(page.findElements(By.cssSelector("#members tr[data-email='" + colleagueEmail + "'] input:checked")))
                    .extracting(box -> box.getAttribute("value")).containsExactly("pim-viewer");
            page.findElement(colleagueRow).findElement(By.cssSelector("input[value=pim-viewer]")).click();
            page.findElement(colleagueRow).findElement(By.cssSelector("input[value=pim-editor]")).click();
            page.findElement(colleagueRow).findElement(By.xpath(".//button[text()='Save roles']")).click();
            admin.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                    "saved: Editor."));
            colleague.driver().get(pim.url("/login"));
            colleague.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBePresentInElementLocated(rolesInJourney,
                    "pim-editor"));
            assertThat(colleague.driver().findElement(rolesInJourney).getText()).doesNotContain("pim-viewer");
        }
    }
}
