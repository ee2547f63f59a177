package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * WCAG 3.3.8 and 4.1.3 on the code page: the field offers one-time-code autofill, a pasted SMS leaves only
     * the code in it, and screen readers hear the time left at one minute, at 30 seconds and at expiry only, not
     * every second. The page's own clock is moved forward (its script reads {@code Date.now}), not waited for.
     */
    @Test
    void theCodePageAnnouncesTheTimeLeftOnlyAtAMinuteHalfAMinuteAndExpiryAndAPastedSmsLeavesOnlyTheCode(
            PimKeycloak keycloak, Browsers browsers) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        toSelectPage(chromium, keycloak, user);
        page.findElement(By.id("deliveryMethod-sms")).click();
        page.findElement(By.id("pim-send")).click();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-countdown")));
        assertThat(page.findElement(By.id("code")).getAttribute("autocomplete")).isEqualTo("one-time-code");

        String first = page.findElement(By.id("pim-countdown")).getText();
        chromium.waitUpTo(Duration.ofSeconds(30)).until(driver -> !first.equals(driver.findElement(By.id("pim-countdown")).getText()));
        assertThat(announced(chromium)).as("nothing announced while more than a minute is left").isEmpty();
        assertThat(page.findElement(By.id("pim-no-code")).getAttribute("open")).isNull();

        chromium.script("window.pimOffset = 0; const realNow = Date.now.bind(Date); Date.now = () => realNow() + window.pimOffset;");
        moveClockToSecondsLeft(chromium, 55);
        chromium.waitUpTo(WAIT).until(driver -> announced(chromium).matches("The code expires in 0:5\\d\\."));
        moveClockToSecondsLeft(chromium, 25);
        chromium.waitUpTo(WAIT).until(driver -> announced(chromium).matches("The code expires in 0:[12]\\d\\."));
        moveClockToSecondsLeft(chromium, 0);
        chromium.waitUpTo(WAIT).until(driver -> "true".equals(driver.findElement(By.id("pim-no-code")).getAttribute("open")));
        assertThat(announced(chromium)).isEqualTo(page.findElement(By.id("pim-countdown")).getText()).isNotBlank();

        String sms = keycloak.awsFake().sentTo(user.phone()).get(keycloak.awsFake().sentTo(user.phone()).size() - 1).body();
        String code = SentCodes.fromSms(sms);
        chromium.script("const data = new DataTransfer(); data.setData('text', " + jsString(sms) + ");"
                + " document.getElementById('code').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));");
        assertThat(page.findElement(By.id("code")).getAttribute("value")).isEqualTo(code);
        page.findElement(By.id("pim-verify")).click();
        chromium.waitUpTo(WAIT).until(driver -> driver.getCurrentUrl().startsWith(Chromium.CALLBACK));
    }

    private static String announced(Chromium chromium) {
        return chromium.driver().findElement(By.id("pim-countdown-announce")).getAttribute("textContent").strip();
    }

    /** Moves the page's clock so that the countdown shows this many seconds left on its next tick. */
    private static void moveClockToSecondsLeft(Chromium chromium, int secondsLeft) {
        String shown = chromium.driver().findElement(By.id("pim-countdown")).getText();
        Matcher left = Pattern.compile("(\\d+):(\\d\\d)").matcher(shown);
        int now = left.find() ? Integer.parseInt(left.group(1)) * 60 + Integer.parseInt(left.group(2)) : 0;
        chromium.script("window.pimOffset += " + Math.max(0, now - secondsLeft) * 1000L + ";");
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "") + "'";
    }

    private static void toSelectPage(Chromium chromium, PimKeycloak keycloak, TestUser user) {
        chromium.openSignIn(keycloak.baseUrl(), "pim");
        PimPages.password(chromium, user);
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
    }
}
