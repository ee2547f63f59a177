package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Axe;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/** The org-admin page in Chromium: Suspend with a reason in an accessible dialog, the Activity tab and its CSV. */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class OrgAdminGovernanceInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void anAdminSuspendsAMemberWithAReasonSeesItInTheActivityTabAndDownloadsTheCsv(PimKeycloak keycloak, Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Governed");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        TestUser member = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, member.id());

        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        PimPages.signInToOrgAdminPage(chromium, keycloak.baseUrl(), keycloak.awsFake(), admin, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        assertThat(page.findElements(By.id("suspend-" + admin.id()))).as("nobody suspends themselves").isEmpty();

        page.findElement(By.id("suspend-" + member.id())).click();
        WebElement dialog = chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-dialog")));
        assertThat(page.findElement(By.id(dialog.getAttribute("aria-labelledby"))).getText()).isEqualTo("Suspend Test User");
        assertThat(page.switchTo().activeElement().getAttribute("id")).as("focus in the reason field").isEqualTo("reason-input");
        assertThat(page.findElement(By.cssSelector("label[for=reason-input]")).getText()).isEqualTo("Reason");
        page.findElement(By.id("reason-confirm")).click();
        assertThat(page.findElement(By.id("reason-error")).getText()).isEqualTo("Give a reason.");
        assertThat(page.findElement(By.id("reason-input")).getAttribute("aria-invalid")).isEqualTo("true");
        Axe axe = Axe.pinned();
        assertThat(axe.check(chromium, "org-admin page, reason dialog open with its error", Set.of())).isEmpty();
        page.findElement(By.id("reason-input")).sendKeys(Keys.ESCAPE);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(page.switchTo().activeElement().getAttribute("id")).as("focus back on the button")
                .isEqualTo("suspend-" + member.id());

        page.findElement(By.id("suspend-" + member.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOf(dialog));
        page.findElement(By.id("reason-input")).sendKeys("=HYPERLINK(\"http://x\") badge lost");
        page.findElement(By.id("reason-confirm")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"), "Test User was suspended."));
        assertThat(page.findElement(By.id("suspended-" + member.id())).getText()).contains("=HYPERLINK(\"http://x\") badge lost")
                .contains("Test User");
        assertThat(page.findElement(By.id("reactivate-" + member.id())).isDisplayed()).isTrue();
        assertThat(keycloak.realm().users().get(member.id()).getUserSessions()).isEmpty();

        page.findElement(By.id("tab-activity")).click();
        chromium.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#activity tr[data-action=member_suspended]")));
        assertThat(page.findElement(By.id("tab-activity")).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(page.findElement(By.id("panel-members")).isDisplayed()).isFalse();
        assertThat(page.findElement(By.cssSelector("#activity tr[data-action=member_suspended]")).getText())
                .contains("Suspended").contains("badge lost");
        PimPages.assertFitsWindow(chromium, "org-admin activity 1280x800");
        chromium.screenshot(SCREENSHOTS.resolve("org-admin-activity-1280x800.png"));
        assertThat(axe.check(chromium, "org-admin page, Activity tab", Set.of())).isEmpty();

        chromium.script("window.pimCsv = null; const made = URL.createObjectURL;"
                + " URL.createObjectURL = (blob) => { blob.text().then((text) => { window.pimCsv = text; }); return made(blob); };");
        page.findElement(By.id("activity-download")).click();
        String csv = (String) chromium.waitUpTo(PimPages.WAIT).until(driver -> chromium.script("return window.pimCsv;"));
        assertThat(csv).startsWith("\"time\",\"actor_id\",").contains("member_suspended")
                .contains(",\"'=HYPERLINK(\"\"http://x\"\") badge lost\"").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");

        page.findElement(By.id("tab-members")).click();
        page.findElement(By.id("reactivate-" + member.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOf(dialog));
        assertThat(page.findElement(By.id("reason-label")).getText()).isEqualTo("Reason (optional)");
        page.findElement(By.id("reason-confirm")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"), "Test User was reactivated."));
        assertThat(page.findElements(By.id("suspended-" + member.id()))).isEmpty();
    }
}
