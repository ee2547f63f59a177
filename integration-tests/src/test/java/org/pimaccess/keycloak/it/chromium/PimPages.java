package org.pimaccess.keycloak.it.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.pimaccess.keycloak.it.harness.AwsFake;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/** What a person does on the pack's pages in Chromium, and the layout check for every screen size. */
public final class PimPages {

    public static final Duration WAIT = Duration.ofSeconds(45);

    private PimPages() {
    }

    /** The org-admin page at this server: opened, then signed in with the password and a code by this method. */
    public static void signInToOrgAdminPage(Chromium chromium, URI server, AwsFake aws, TestUser admin, String method) {
        chromium.driver().get(server.resolve("/realms/pim/pim-org-admin/ui/").toString());
        password(chromium, admin);
        phoneOtp(chromium, aws, admin, method);
    }

    /** On Keycloak's sign-in page: username (unless Keycloak already shows it), password, Sign In. */
    public static void password(Chromium chromium, TestUser user) {
        WebDriver page = chromium.driver();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        if (!page.findElements(By.cssSelector("input#username")).isEmpty()) {
            page.findElement(By.id("username")).sendKeys(user.username());
        }
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("kc-login")).click();
    }

    /** On the Phone OTP page: the first phone, this method, Send; then the code the gateway got, Submit. */
    public static void phoneOtp(Chromium chromium, AwsFake aws, TestUser user, String method) {
        WebDriver page = chromium.driver();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
        page.findElement(By.id("phone-0")).click();
        page.findElement(By.id("deliveryMethod-" + method)).click();
        page.findElement(By.id("pim-send")).click();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-verify")));
        List<AwsFake.Sent> sent = aws.sentTo(user.phone());
        String body = sent.get(sent.size() - 1).body();
        page.findElement(By.id("code")).sendKeys("sms".equals(method) ? SentCodes.fromSms(body) : SentCodes.fromVoice(body));
        page.findElement(By.id("pim-verify")).click();
    }

    /** On Keycloak's passkey registration page: Register, then the name the browser asks for in its prompt. */
    public static void registerPasskey(Chromium chromium, String name) {
        chromium.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("registerWebAuthn"))).click();
        Alert prompt = chromium.waitUpTo(WAIT).until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(name);
        prompt.accept();
    }

    /**
     * On Keycloak's sign-in page: the passkey, through the page's button, until {@code signedIn} holds. With
     * Chromium's virtual authenticator the autofill (conditional UI) request may sign the person in by itself, so
     * the button is pressed only while a sign-in page shows it.
     */
    public static void passkey(Chromium chromium, ExpectedCondition<Boolean> signedIn) {
        chromium.waitUpTo(WAIT).until(driver -> {
            try {
                driver.findElements(By.id("authenticateWebAuthnButton")).stream().filter(WebElement::isDisplayed)
                        .findFirst().ifPresent(WebElement::click);
            } catch (StaleElementReferenceException pageMovedOn) {
                // the autofill request finished first: that is the passkey sign-in too
            }
            return signedIn.apply(driver);
        });
    }

    /** On Keycloak's registration page: the person's fields and password (the email only when not given). */
    public static void fillRegistration(Chromium chromium, String username, String firstName, String lastName) {
        WebDriver page = chromium.driver();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName")));
        page.findElement(By.id("username")).sendKeys(username);
        if (page.findElement(By.id("email")).getAttribute("value").isEmpty()) {
            page.findElement(By.id("email")).sendKeys(username + "@example.test");
        }
        page.findElement(By.id("firstName")).clear();
        page.findElement(By.id("firstName")).sendKeys(firstName);
        page.findElement(By.id("lastName")).clear();
        page.findElement(By.id("lastName")).sendKeys(lastName);
        page.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        page.findElement(By.id("password-confirm")).sendKeys(TestUsers.PASSWORD);
    }

    public static void submitRegistration(Chromium chromium) {
        chromium.driver().findElement(By.cssSelector("#kc-register-form input[type=submit]")).click();
    }

    /** On the phone registration page: national digits with the country, SMS, Send, the code, Submit. */
    public static void registerPhone(Chromium chromium, AwsFake aws, String number) {
        WebDriver page = chromium.driver();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("phoneNumber")));
        new Select(page.findElement(By.id("country"))).selectByValue("US");
        page.findElement(By.id("phoneNumber")).sendKeys(number.substring(2, 5) + " " + number.substring(5, 8) + " " + number.substring(8));
        page.findElement(By.id("deliveryMethod-sms")).click();
        page.findElement(By.id("pim-send")).click();
        chromium.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-verify")));
        WebElement code = page.findElement(By.id("code"));
        code.sendKeys(SentCodes.lastSmsTo(aws, number));
        page.findElement(By.id("pim-verify")).click();
        // While the next page replaces this one, Chromium may answer "Node with given id does not belong to the
        // document" instead of "stale": asked again, it says stale.
        chromium.waitUpTo(WAIT).ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(code));
    }

    /** Nothing is wider than the window (no sideways scrolling), and no control is cut off at its edge. */
    public static void assertFitsWindow(Chromium chromium, String what) {
        Object wide = chromium.script("""
                const width = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.offsetParent !== null || e.tagName === 'BODY')
                    .filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 0.5 || r.left < -0.5; })
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className
                        + ' right=' + Math.round(e.getBoundingClientRect().right));""");
        assertThat((List<?>) wide).as(what + ": wider than the window (" + chromium.script(
                "return document.documentElement.clientWidth;") + " px)").isEmpty();
        Object sideways = chromium.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) sideways).intValue()).as(what + ": sideways scrolling in px").isLessThanOrEqualTo(0);
    }
}
