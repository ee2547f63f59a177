package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.pimaccess.keycloak.it.chromium.Axe;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.PimPhonesApi;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * Every page the pack renders passes axe-core's WCAG 2.0/2.1/2.2 A and AA rules at 1280x800 and 390x844,
 * under theme {@code pim} and under Keycloak's stock {@code keycloak.v2}. Three people walk through all
 * pages once per theme: an admin registers a phone (with an error, a wrong code), opens home and the
 * org-admin page and invites a colleague; the colleague registers from the invitation; a member with a
 * phone picks it, then, after a reset of their phones, meets the reset page. A finding fails the test
 * with its rule and element.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class AccessibilityInChromiumIT {

    /**
     * Under stock keycloak.v2 only: its template.ftl labels the read-only username for="username", an id no
     * input has (theme pim repairs it; the README says how to report it upstream).
     */
    static final Set<String> KEYCLOAK_V2_TEMPLATE = Set.of("label #kc-attempted-username");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void everyPageOfThePackUnderThemePimHasNoAxeViolationAtDesktopOrPhoneSize(PimKeycloak keycloak, Browsers browsers) {
        assertThat(walkEveryPage(keycloak, browsers, "theme pim", Set.of())).isEmpty();
    }

    @Test
    void everyPageOfThePackUnderStockKeycloakV2HasNoAxeViolationButKeycloaksOwn(PimKeycloak keycloak, Browsers browsers)
            throws Exception {
        try (AutoCloseable stock = RealmSettings.change(keycloak.realm(), realm -> realm.setLoginTheme("keycloak.v2"))) {
            assertThat(walkEveryPage(keycloak, browsers, "theme keycloak.v2", KEYCLOAK_V2_TEMPLATE)).isEmpty();
        }
    }

    @Test
    void theCodePageSpeaksJapaneseAndGermanAndPassesAxeInBoth(PimKeycloak keycloak, Browsers browsers) {
        Axe axe = Axe.pinned();
        List<String> found = new ArrayList<>();
        Chromium chromium = browsers.open(1280, 800);
        for (String language : List.of("ja", "de")) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            chromium.driver().manage().deleteAllCookies();
            chromium.driver().get(keycloak.baseUrl().resolve("/realms/pim/protocol/openid-connect/auth").toString()
                    + "?client_id=pim-home&response_type=code&scope=openid&code_challenge_method=S256"
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&acr_values=phone-otp&ui_locales=" + language
                    + "&redirect_uri=" + URLEncoder.encode(home(keycloak), StandardCharsets.UTF_8));
            PimPages.password(chromium, user);
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
            chromium.driver().findElement(By.id("phone-0")).click();
            chromium.driver().findElement(By.id("deliveryMethod-sms")).click();
            chromium.driver().findElement(By.id("pim-send")).click();
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-verify")));
            assertThat(chromium.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            assertThat(chromium.driver().findElement(By.id("pim-verify")).getText()).isEqualTo("ja".equals(language) ? "確認" : "Bestätigen");
            found.addAll(axe.check(chromium, "code page in " + language, Set.of()));
            chromium.screenshot(SCREENSHOTS.resolve("phone-otp-code-" + language + "-1280x800.png"));
        }
        assertThat(found).isEmpty();
    }

    private static List<String> walkEveryPage(PimKeycloak keycloak, Browsers browsers, String theme, Set<String> expected) {
        Axe axe = Axe.pinned();
        List<String> found = new ArrayList<>();
        String colleague = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Orgs orgs = new Orgs(keycloak);
        String organization = Orgs.uniqueName("Axe Ltd");
        String organizationId = orgs.create(organization);
        TestUser admin = TestUsers.withoutPhone(keycloak);
        orgs.addMember(organizationId, admin.id());

        Chromium first = browsers.open(1280, 800);
        WebDriver page = first.driver();
        page.get(home(keycloak));
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText("Register"))).click();
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName")));
        found.addAll(axe.check(first, "organization registration, " + theme, expected));
        page.get(home(keycloak));
        PimPages.password(first, admin);

        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("phoneNumber")));
        found.addAll(axe.check(first, "phone registration, " + theme, expected));
        page.findElement(By.id("pim-send")).click();
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-phoneNumber")));
        found.addAll(axe.check(first, "phone registration with an error, " + theme, expected));

        String number = TestUsers.newPhoneNumber();
        new Select(page.findElement(By.id("country"))).selectByValue("US");
        page.findElement(By.id("phoneNumber")).sendKeys(number.substring(2));
        page.findElement(By.id("deliveryMethod-sms")).click();
        page.findElement(By.id("pim-send")).click();
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-verify")));
        found.addAll(axe.check(first, "code page, " + theme, expected));
        page.findElement(By.id("code")).sendKeys("000000");
        page.findElement(By.id("pim-verify")).click();
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("input-error-code")));
        found.addAll(axe.check(first, "code page with an error, " + theme, expected));
        page.findElement(By.id("code")).sendKeys(SentCodes.lastSmsTo(keycloak.awsFake(), number));
        page.findElement(By.id("pim-verify")).click();

        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        found.addAll(axe.check(first, "home as admin, " + theme, expected));
        page.findElement(By.cssSelector("#organizations a[data-administer]")).click();
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-section")));
        found.addAll(axe.check(first, "org-admin page, " + theme, expected));
        page.findElement(By.id("invite-email")).sendKeys(colleague);
        page.findElement(By.id("invite-first")).sendKeys("Cora");
        page.findElement(By.id("invite-last")).sendKeys("Colleague");
        page.findElement(By.id("invite-send")).click();
        first.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        found.addAll(axe.check(first, "org-admin page after an invitation, " + theme, expected));

        Chromium second = browsers.open(1280, 800);
        second.driver().get(keycloak.mailbox().plainTextLinkTo(colleague, "/registrations"));
        second.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName")));
        found.addAll(axe.check(second, "invitation registration, " + theme, expected));
        PimPages.fillRegistration(second, "cora-" + UUID.randomUUID().toString().substring(0, 8), "Cora", "Colleague");
        PimPages.submitRegistration(second);
        PimPages.registerPhone(second, keycloak.awsFake(), TestUsers.newPhoneNumber());
        second.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        found.addAll(axe.check(second, "home as member, " + theme, expected));

        TestUser member = TestUsers.withPhones(keycloak, 2);
        Chromium third = browsers.open(1280, 800);
        third.driver().get(home(keycloak));
        PimPages.password(third, member);
        third.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-send")));
        found.addAll(axe.check(third, "phone selection, " + theme, expected));
        PimPhonesApi phones = new PimPhonesApi(keycloak);
        assertThat(phones.post("users/" + member.id() + "/phone-reset", phones.serverAdminToken(), "").status()).isEqualTo(202);
        third.driver().manage().deleteAllCookies();
        third.driver().get(home(keycloak));
        PimPages.password(third, member);
        third.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("pim-phone-reset-pending")));
        found.addAll(axe.check(third, "reset pending, " + theme, expected));
        return found;
    }

    private static String home(PimKeycloak keycloak) {
        return keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
    }
}
