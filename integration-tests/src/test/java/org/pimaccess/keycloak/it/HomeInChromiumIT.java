package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.chromium.PimRelyingParty;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;

/**
 * The home dashboard in Chromium: the seed journey ends there and goes on to PIM, a password-only
 * session is raised to phone OTP, an invitee lands there from the mail's plain-text link, and an admin
 * goes from there to their organization. Screenshots of home at desktop and phone size land in
 * {@code target/screenshots/}.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class HomeInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void aPersonRegistersTheirOrganizationFromHomeAddsAPhoneSeesPhoneOtpAndOpensPimWithTheKeyboard(PimKeycloak keycloak,
            Browsers browsers) throws Exception {
        try (PimRelyingParty pim = PimRelyingParty.start(keycloak);
                AutoCloseable listed = pimOpensAt(keycloak, pim.url("/login"))) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String organization = "Home Partners " + suffix;
            String username = "hana-" + suffix;
            String number = TestUsers.newPhoneNumber();
            Chromium chromium = browsers.open(1280, 800);
            WebDriver page = chromium.driver();

            // 1. Home finds no session and sends the person to sign in; they follow Register.
            page.get(home(keycloak));
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText("Register"))).click();
            PimPages.fillRegistration(chromium, username, "Hana", "Home");
            page.findElement(By.id("organizationName")).sendKeys(organization);
            PimPages.submitRegistration(chromium);

            // 2. A phone.
            PimPages.registerPhone(chromium, keycloak.awsFake(), number);

            // 3. Home, with "Phone OTP" in the upper right.
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
            assertThat(page.findElement(By.id("who-name")).getText()).isEqualTo("Hana Home");
            assertThat(page.findElement(By.id("who-organization")).getText()).isEqualTo(organization);
            assertThat(page.findElement(By.id("strength")).getAttribute("title")).contains("one-time code");
            assertThat(page.findElement(By.id("sign-out")).getText()).isEqualTo("Sign out");
            assertThat(page.findElements(By.id("raise"))).isEmpty();
            assertThat(page.findElement(By.id("app-pim")).getText()).contains("PIM", "Requires: Phone OTP");
            assertThat(page.findElement(By.cssSelector("#organizations .roles")).getText()).isEqualTo("Organization admin");
            assertThat(page.findElement(By.cssSelector("#organizations a[data-administer]")).getAttribute("href"))
                    .endsWith("/realms/pim/pim-org-admin/ui/");
            assertThat(page.findElement(By.id("phones")).getText()).contains("+1 •••-•••-" + number.substring(8), "SMS")
                    .doesNotContain(number.substring(2));
            assertThat(page.findElement(By.id("account-console")).getAttribute("href")).endsWith("/realms/pim/account/");
            PimPages.assertFitsWindow(chromium, "home 1280x800");
            chromium.screenshot(SCREENSHOTS.resolve("home-1280x800.png"));

            // 4. Open Application next to PIM, with the keyboard only: Tab to it, Enter.
            WebElement open = tabTo(chromium, "open-pim");
            assertThat(open.getText()).isEqualTo("Open Application");
            open.sendKeys(Keys.ENTER);

            // 5. The PIM stand-in: the user, the organization, the roles, acr=phone-otp.
            chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-acr")));
            assertThat(page.findElement(By.id("rp-acr")).getText()).isEqualTo("phone-otp");
            assertThat(page.findElement(By.id("rp-user")).getText()).isEqualTo(username);
            assertThat(page.findElement(By.id("rp-organization")).getText()).contains("home-partners-" + suffix);
            assertThat(page.findElement(By.id("rp-roles")).getText()).contains("pim-org-admin");
        }
    }

    @Test
    void aPasswordSessionShowsPasswordOnHomeAndRaisesToPhoneOtpOnAPhoneSizedScreen(PimKeycloak keycloak, Browsers browsers)
            throws Exception {
        try (AutoCloseable listed = pimOpensAt(keycloak, "https://pim.example.test/")) {
            passwordSessionRaisedToPhoneOtp(keycloak, browsers);
        }
    }

    private static void passwordSessionRaisedToPhoneOtp(PimKeycloak keycloak, Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Raise Ltd");
        String organization = orgs.create(name);
        TestUser user = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, user.id());
        Chromium phone = browsers.open(390, 844);
        WebDriver page = phone.driver();

        phone.openSignIn(keycloak.baseUrl(), Clients.passwordOnly(keycloak), "password");
        PimPages.password(phone, user);
        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.urlContains(Chromium.CALLBACK));

        page.get(home(keycloak));
        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Password"));
        assertThat(page.findElement(By.id("strength")).getAttribute("title")).contains("password only");
        assertThat(page.findElement(By.id("below-phone-otp")).getText()).isEqualTo("Your session has only your password. "
                + "Raise it to Phone OTP to see your applications, organizations and sign-in methods.");
        assertThat(page.findElement(By.id("raise")).getText()).isEqualTo("Raise to Phone OTP");
        assertThat(page.findElements(By.id("who-organization"))).as("no organization at the password level").isEmpty();
        assertThat(page.findElement(By.id("main")).getText()).doesNotContain(name, "Open Application", "•••");
        PimPages.assertFitsWindow(phone, "home 390x844 at password");

        page.findElement(By.id("raise")).click();
        PimPages.phoneOtp(phone, keycloak.awsFake(), user, "sms");

        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(page.findElement(By.id("message")).getText()).isEqualTo("Your session now has Phone OTP.");
        assertThat(page.findElements(By.id("raise"))).isEmpty();
        assertThat(page.findElement(By.id("who-organization")).getText()).isEqualTo(name);
        assertThat(page.findElement(By.id("open-pim")).getAttribute("href")).isEqualTo("https://pim.example.test/");
        assertThat(page.findElement(By.id("below-phone-otp")).isDisplayed()).isFalse();
        PimPages.assertFitsWindow(phone, "home 390x844");
        phone.screenshot(SCREENSHOTS.resolve("home-390x844.png"));

        page.findElement(By.id("sign-out")).click();
        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(page.getCurrentUrl()).contains("client_id=pim-home");
    }

    @Test
    void addAPhoneRunsThePhoneRegistrationAndComesBackToHome(PimKeycloak keycloak, Browsers browsers) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        String second = TestUsers.newPhoneNumber();
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        page.get(home(keycloak));
        PimPages.password(chromium, user);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), user, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(page.findElements(By.cssSelector("#phones tbody tr"))).hasSize(1);

        page.findElement(By.id("add-phone")).click();
        PimPages.registerPhone(chromium, keycloak.awsFake(), second);

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"), "Your phones are up to date."));
        assertThat(page.findElements(By.cssSelector("#phones tbody tr"))).hasSize(2);
        assertThat(page.findElement(By.id("phones")).getText()).contains("+1 •••-•••-" + second.substring(8))
                .doesNotContain(second.substring(2));
    }

    @Test
    void anInviteeOpensThePlainTextLinkAsWrittenRegistersAddsAPhoneAndSeesTheirRolesOnHome(PimKeycloak keycloak,
            Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Invite Home");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "ines-" + suffix + "@example.test";
        Answer invited = new OrgAdminApi(keycloak).post("organizations/" + organization + "/invitations",
                Tokens.orgAdmin(keycloak, admin), Map.of("email", email, "firstName", "Ines", "lastName", "Invitee",
                        "roles", List.of("pim-editor")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);

        String link = keycloak.mailbox().plainTextLinkTo(email, "/registrations");
        assertThat(link).as("the plain-text link as a text-only mail client shows it; Keycloak's stock "
                + "text/org-invite.ftl escapes it as HTML").doesNotContain("&#61;", "&amp;");
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        page.get(link);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName")));
        assertThat(page.findElements(By.id("organizationName"))).isEmpty();
        PimPages.fillRegistration(chromium, "ines-" + suffix, "Ines", "Invitee");
        PimPages.submitRegistration(chromium);
        PimPages.registerPhone(chromium, keycloak.awsFake(), TestUsers.newPhoneNumber());

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));
        assertThat(page.getCurrentUrl()).endsWith("/realms/pim/pim-home/");
        assertThat(page.findElement(By.id("who-name")).getText()).isEqualTo("Ines Invitee");
        assertThat(page.findElement(By.id("who-organization")).getText()).isEqualTo(name);
        assertThat(page.findElement(By.cssSelector("#organizations .roles")).getText()).isEqualTo("Editor");
        assertThat(page.findElements(By.cssSelector("#organizations a[data-administer]"))).isEmpty();
    }

    @Test
    void anAdminGoesFromHomeToTheirOrganizationAndClicksRevokeAndRemove(PimKeycloak keycloak, Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Admin Home");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        TestUser member = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, member.id());
        String email = "olga-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        OrgAdminApi api = new OrgAdminApi(keycloak);
        String token = Tokens.orgAdmin(keycloak, admin);
        String invitation = api.post("organizations/" + organization + "/invitations", token,
                Map.of("email", email, "roles", List.of("pim-viewer"))).json().get("id").asText();

        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        page.get(home(keycloak));
        PimPages.password(chromium, admin);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), admin, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("strength"), "Phone OTP"));

        page.findElement(By.cssSelector("#organizations a[data-administer]")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.elementToBeClickable(By.id("revoke-" + invitation))).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"),
                "The invitation to " + email + " was revoked."));
        assertThat(api.get("organizations/" + organization + "/invitations", token).json()).isEmpty();

        page.findElement(By.id("remove-" + member.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "was removed from the organization."));
        assertThat(Poll.until(Duration.ofSeconds(60), () -> orgs.members(organization), members -> members.size() == 1,
                "one member left")).extracting(MemberRepresentation::getId).containsExactly(admin.id());
    }

    private static String home(PimKeycloak keycloak) {
        return keycloak.baseUrl().resolve("/realms/pim/pim-home/").toString();
    }

    /** Presses Tab until the element with this id has the focus; fails after 40 presses. */
    private static WebElement tabTo(Chromium chromium, String id) {
        for (int presses = 0; presses < 40; presses++) {
            new Actions(chromium.driver()).sendKeys(Keys.TAB).perform();
            WebElement focused = chromium.driver().switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** Client pim's home URL (what Open Application opens) for the length of a test. */
    private static AutoCloseable pimOpensAt(PimKeycloak keycloak, String url) {
        ClientRepresentation pim = keycloak.realm().clients().findByClientId("pim").get(0);
        ClientResource resource = keycloak.realm().clients().get(pim.getId());
        String before = pim.getBaseUrl();
        pim.setBaseUrl(url);
        resource.update(pim);
        return () -> {
            ClientRepresentation now = resource.toRepresentation();
            now.setBaseUrl(before);
            resource.update(now);
        };
    }
}
