package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * A person ticks "Don't ask for a code on this browser" in Chromium, signs out and in again with the password
 * alone (no text goes out), sees the browser on home, forgets it there, and the next sign-in asks the code. axe checks
 * the code page with the box and home with the list; screenshots of both land in {@code target/screenshots/}.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class TrustedBrowserInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void aTickedBoxSkipsTheTextOnTheNextSignInAndForgettingItOnHomeBringsTheCodeBack(PimKeycloak keycloak, Browsers browsers) {
        Axe axe = Axe.pinned();
        List<String> found = new ArrayList<>();
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();

        page.get(home(keycloak));
        PimPages.password(chromium, user);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
        page.findElement(By.id("phone-0")).click();
        page.findElement(By.id("deliveryMethod-sms")).click();
        page.findElement(By.id("pim-send")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("trustBrowser")));
        assertThat(page.findElement(By.id("trustBrowser")).isSelected()).as("off by default").isFalse();
        found.addAll(axe.check(chromium, "code page with the trusted-browser box", Set.of()));
        page.findElement(By.cssSelector("label[for=trustBrowser]")).click();
        assertThat(page.findElement(By.id("trustBrowser")).isSelected()).as("the label ticks the box").isTrue();
        page.findElement(By.id("code")).sendKeys(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        chromium.script("document.getElementById('trustBrowser').scrollIntoView({block: 'center'})");
        chromium.screenshot(SCREENSHOTS.resolve("phone-otp-code-trust-1280x800.png"));
        page.findElement(By.id("pim-verify")).click();

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#trusted-browsers tbody tr")));
        assertThat(page.findElements(By.cssSelector("#trusted-browsers tbody tr"))).hasSize(1);
        assertThat(page.findElement(By.cssSelector("#trusted-browsers tbody tr")).getText()).contains("(this browser)");
        found.addAll(axe.check(chromium, "home with a trusted browser", Set.of()));
        chromium.script("document.getElementById('trusted-browsers').scrollIntoView()");
        chromium.screenshot(SCREENSHOTS.resolve("home-trusted-browsers-1280x800.png"));

        signOutAndInWithPassword(chromium, user);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(keycloak.awsFake().sentTo(user.phone())).as("no text on the trusted browser").hasSize(1);

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".forget-browser"))).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-trusted-browsers")));
        assertThat(page.findElement(By.id("message")).getText()).contains("trusted browsers are up to date");

        signOutAndInWithPassword(chromium, user);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
        assertThat(page.findElements(By.id("trustBrowser"))).as("the box is on the code page, not the phone choice").isEmpty();
        assertThat(found).isEmpty();
    }

    private static void signOutAndInWithPassword(Chromium chromium, TestUser user) {
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
        PimPages.password(chromium, user);
    }

    private static String home(PimKeycloak keycloak) {
        return keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
    }
}
