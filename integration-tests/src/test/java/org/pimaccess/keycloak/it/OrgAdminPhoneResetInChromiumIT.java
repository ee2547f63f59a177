package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/** The org-admin page in Chromium: each member's phone-OTP state, and Reset phones with its confirmation. */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class OrgAdminPhoneResetInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void anAdminSeesEachMembersPhonesAndResetsALostOneAfterAConfirmationThatSaysWhatHappens(PimKeycloak keycloak,
            Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Help Desk");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        TestUser member = TestUsers.withPhones(keycloak, 2);
        orgs.addMember(organization, member.id());

        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        PimPages.signInToOrgAdminPage(chromium, keycloak.baseUrl(), keycloak.awsFake(), admin, "sms");

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        String state = page.findElement(By.id("phones-" + member.id())).getText();
        assertThat(state).startsWith("2 phones (").contains("\u2022\u2022" + last2(member.phones().get(0)))
                .contains("\u2022\u2022" + last2(member.phones().get(1))).contains("last added");
        assertThat(state).doesNotContain(member.phones().get(0).substring(2));
        assertThat(page.findElements(By.id("reset-phones-" + admin.id()))).as("no reset of one's own phones").isEmpty();
        PimPages.assertFitsWindow(chromium, "org-admin page with phones 1280x800");

        page.findElement(By.id("reset-phones-" + member.id())).click();
        Alert confirmation = chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.alertIsPresent());
        assertThat(confirmation.getText()).contains("Reset the phones of Test User?").contains("2 phones will be deleted")
                .contains("signed out everywhere").contains("email with a link to register a new phone");
        confirmation.dismiss();
        assertThat(keycloak.realm().users().get(member.id()).credentials())
                .filteredOn(credential -> "phone".equals(credential.getType())).hasSize(2);

        page.findElement(By.id("reset-phones-" + member.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"),
                "The phones of Test User were reset. They got an email with a link to register a new phone."));
        assertThat(page.findElement(By.id("phones-" + member.id())).getText())
                .isEqualTo("Reset: waiting for a new phone from the emailed link");
        assertThat(keycloak.realm().users().get(member.id()).credentials())
                .filteredOn(credential -> "phone".equals(credential.getType())).isEmpty();
        assertThat(keycloak.mailbox().linkTo(member.username() + "@example.test", "/login-actions/action-token"))
                .contains("/realms/pim/");
        chromium.screenshot(SCREENSHOTS.resolve("org-admin-phone-reset-1280x800.png"));

        page.findElement(By.id("reset-phones-" + member.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        // Retry-After is the time left of the 600 s cooldown, so a slow machine may show 9 minutes or fewer.
        assertThat(page.findElement(By.id("error")).getText()).as("the wait of Retry-After, in minutes").matches(
                "The phones or passkeys of this member were reset a short while ago\\. Try again in ([1-9]|10) minutes?\\.");

        Chromium phone = browsers.open(390, 844);
        PimPages.signInToOrgAdminPage(phone, keycloak.baseUrl(), keycloak.awsFake(), admin, "sms");
        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-phones-" + member.id())));
        PimPages.assertFitsWindow(phone, "org-admin page with phones 390x844");
        phone.screenshot(SCREENSHOTS.resolve("org-admin-phone-reset-390x844.png"));
    }

    private static String last2(String number) {
        return number.substring(number.length() - 2);
    }
}
