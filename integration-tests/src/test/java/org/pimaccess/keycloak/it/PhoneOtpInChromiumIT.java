package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/** The phone pages in a real headless Chromium: typing, clicking, the countdown, and both screen sizes. */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class PhoneOtpInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = PimPages.WAIT;

    @Test
    void aWrongCodeShowsItsErrorInThePageTheCountdownRunsAndTheRightCodeSignsIn(PimKeycloak keycloak, Browsers browsers) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();

        toSelectPage(chromium, keycloak, user);
        page.findElement(By.id("deliveryMethod-sms")).click();
        page.findElement(By.id("pim-send")).click();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-countdown")));
        String countdown = page.findElement(By.id("pim-countdown")).getText();
        assertThat(countdown).matches("The code expires in [12]:\\d\\d\\.");
        chromium.waitUpTo(Duration.ofSeconds(30)).until(driver -> !countdown.equals(driver.findElement(By.id("pim-countdown")).getText()));

        String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
        page.findElement(By.id("code")).sendKeys(code.equals("000000") ? "111111" : "000000");
        page.findElement(By.id("pim-verify")).click();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[contains(text(), 'That code is not right.')]")));
        assertThat(page.findElement(By.id("pim-countdown")).getText()).startsWith("The code expires in");

        page.findElement(By.id("code")).clear();
        page.findElement(By.id("code")).sendKeys(code);
        page.findElement(By.id("pim-verify")).click();
        chromium.waitUpTo(WAIT).until(driver -> driver.getCurrentUrl().startsWith(Chromium.CALLBACK));
        assertThat(page.getCurrentUrl()).contains("code=");
    }

    @Test
    void thePhonePagesAreUsableOnADesktopAndOnAPhoneScreen(PimKeycloak keycloak, Browsers browsers) {
        for (int[] size : List.of(new int[] {1280, 800}, new int[] {390, 844})) {
            String suffix = "-" + size[0] + "x" + size[1] + ".png";
            TestUser user = TestUsers.withPhones(keycloak, 2);
            Chromium chromium = browsers.open(size[0], size[1]);
            toSelectPage(chromium, keycloak, user);
            PimPages.assertFitsWindow(chromium, "select page " + suffix);
            chromium.screenshot(SCREENSHOTS.resolve("phone-otp-select" + suffix));

            chromium.driver().findElement(By.id("pim-send")).click();
            chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-verify")));
            PimPages.assertFitsWindow(chromium, "code page " + suffix);
            chromium.screenshot(SCREENSHOTS.resolve("phone-otp-code" + suffix));

            Chromium newcomer = browsers.open(size[0], size[1]);
            newcomer.openSignIn(keycloak.baseUrl(), "pim");
            PimPages.password(newcomer, TestUsers.withoutPhone(keycloak));
            newcomer.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-phone-register")));
            PimPages.assertFitsWindow(newcomer, "phone registration page " + suffix);
            newcomer.screenshot(SCREENSHOTS.resolve("phone-register" + suffix));
        }
    }

    private static void toSelectPage(Chromium chromium, PimKeycloak keycloak, TestUser user) {
        chromium.openSignIn(keycloak.baseUrl(), "pim");
        PimPages.password(chromium, user);
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
    }
}
