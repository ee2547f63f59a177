package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/** The org-admin web page in Chromium: phone-OTP sign-in, what it shows, an admin's changes and their refusals. */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class OrgAdminPageInChromiumIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void anAdminSignsInWithPhoneOtpSeesTheOrganizationInvitesAColleagueAndChangesARole(PimKeycloak keycloak,
            Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String name = Orgs.uniqueName("Page Ltd");
        String organization = orgs.create(name);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, admin.id());
        TestUser member = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(organization, member.id());
        String colleague = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        PimPages.signInToOrgAdminPage(chromium, keycloak.baseUrl(), keycloak.awsFake(), admin, "sms");

        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        assertThat(page.findElement(By.id("who-name")).getText()).as("the person's name, as home shows it").isEqualTo("Test User");
        assertThat(page.findElement(By.id("strength")).getText()).isEqualTo("Phone OTP");
        assertThat(page.findElement(By.id("role-" + admin.id() + "-pim-org-admin")).isSelected()).isTrue();
        PimPages.assertFitsWindow(chromium, "org-admin page 1280x800");
        chromium.screenshot(SCREENSHOTS.resolve("org-admin-1280x800.png"));

        page.findElement(By.id("invite-email")).sendKeys(colleague);
        page.findElement(By.id("invite-first")).sendKeys("Cora");
        page.findElement(By.id("invite-last")).sendKeys("Colleague");
        assertThat(page.findElement(By.id("invite-role-pim-viewer")).isSelected()).isTrue();
        page.findElement(By.id("invite-send")).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("message"),
                "An invitation was sent to " + colleague + "."));
        assertThat(page.findElements(By.cssSelector("#invitations tr[data-email='" + colleague + "']"))).hasSize(1);
        assertThat(keycloak.mailbox().linkTo(colleague, "token=")).contains("/realms/pim/");

        page.findElement(By.id("role-" + member.id() + "-pim-editor")).click();
        page.findElement(By.id("save-" + member.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "saved: Editor."));
        assertThat(page.findElement(By.cssSelector("label[for='role-" + member.id() + "-pim-org-admin']")).getText())
                .isEqualTo("Organization admin");
        assertThat(orgs.roles(organization, member.id())).containsExactly("pim-editor");

        page.findElement(By.id("role-" + admin.id() + "-pim-org-admin")).click();
        page.findElement(By.id("save-" + admin.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(page.findElement(By.id("error")).getText())
                .isEqualTo("The organization needs at least one active admin. Make another member admin first.");

        Chromium phone = browsers.open(390, 844);
        PimPages.signInToOrgAdminPage(phone, keycloak.baseUrl(), keycloak.awsFake(), admin, "voice");
        phone.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        phone.waitUpTo(PimPages.WAIT).until(driver -> !driver.findElements(
                By.cssSelector("#invitations tr[data-email='" + colleague + "']")).isEmpty());
        PimPages.assertFitsWindow(phone, "org-admin page 390x844");
        phone.screenshot(SCREENSHOTS.resolve("org-admin-390x844.png"));
        assertThat(List.of(phone.driver().findElement(By.id("strength")).getText())).containsExactly("Phone OTP");

        UserRepresentation german = keycloak.realm().users().get(admin.id()).toRepresentation();
        german.setAttributes(Map.of("locale", List.of("de")));
        keycloak.realm().users().get(admin.id()).update(german);
        page.navigate().refresh();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), name));
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        page.findElement(By.id("role-" + admin.id() + "-pim-org-admin")).click();
        page.findElement(By.id("save-" + admin.id())).click();
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(page.findElement(By.id("error")).getText()).as("the page's German for last_admin, not the API's English")
                .isEqualTo("Die Organisation braucht mindestens einen aktiven Administrator. "
                        + "Machen Sie zuerst ein anderes Mitglied zum Administrator.");
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicyAndShowsNoTextFromTheUrl(PimKeycloak keycloak, Browsers browsers)
            throws Exception {
        HttpResponse<String> page = Http.client().send(HttpRequest.newBuilder(
                keycloak.baseUrl().resolve("/realms/pim/pim-org-admin/ui/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'; "
                + "script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; "
                + "base-uri 'none'; frame-ancestors 'none'");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");

        Chromium chromium = browsers.open(1280, 800);
        chromium.driver().get(keycloak.baseUrl().resolve("/realms/pim/pim-org-admin/ui/?error=access_denied"
                + "&error_description=Your+account+is+locked.+Call+%2B1+900+555+0100+now").toString());
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));

        assertThat(chromium.driver().findElement(By.id("error")).getText())
                .isEqualTo("Signing in did not succeed. Reload the page to try again.");
        assertThat(chromium.driver().getPageSource()).doesNotContain("Call +1 900");
    }

    @Test
    void thePageTextsComeInTheLanguageAskedForWithTheRolesNamedAsOnHome(PimKeycloak keycloak) throws Exception {
        HttpClient http = Http.client();
        for (String[] expected : List.of(new String[] {"ja", "ja", "組織の管理", "編集者"},
                new String[] {"pt-BR", "pt-BR", "Administração da organização", "Editor"},
                new String[] {"de", "de", "Organisationsverwaltung", "Bearbeiter"},
                new String[] {"xx", "en", "Organization administration", "Editor"})) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(keycloak.baseUrl().resolve(
                    "/realms/pim/pim-org-admin/ui/messages?locale=" + expected[0])).header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode texts = new ObjectMapper().readTree(answer.body());
            assertThat(texts.path("locale").asText()).as(expected[0]).isEqualTo(expected[1]);
            assertThat(texts.path("messages").path("pimOrgAdmin.title").asText()).as(expected[0]).isEqualTo(expected[2]);
            assertThat(texts.path("messages").path("role.pim-editor").asText()).as(expected[0]).isEqualTo(expected[3]);
        }
    }

    @Test
    void anAdminOfTwoOrganizationsSwitchesBetweenThemAndNoTokenIsStoredInTheBrowser(PimKeycloak keycloak, Browsers browsers) {
        Orgs orgs = new Orgs(keycloak);
        String firstName = Orgs.uniqueName("Switch One");
        String secondName = Orgs.uniqueName("Switch Two");
        String first = orgs.create(firstName);
        String second = orgs.create(secondName);
        TestUser admin = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(first, admin.id());
        orgs.addMember(second, admin.id());
        TestUser onlyInSecond = TestUsers.withPhones(keycloak, 1);
        orgs.addMember(second, onlyInSecond.id());
        By memberOfSecond = By.id("save-" + onlyInSecond.id());

        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();
        PimPages.signInToOrgAdminPage(chromium, keycloak.baseUrl(), keycloak.awsFake(), admin, "sms");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("members-section")));
        assertThat(page.findElement(By.id("org-switch")).isDisplayed()).isTrue();
        String shown = page.findElement(By.id("org-name")).getText();
        assertThat(shown).isIn(firstName, secondName);

        String other = shown.equals(firstName) ? secondName : firstName;
        new Select(page.findElement(By.id("org-switch"))).selectByVisibleText(other);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), other));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("members-section")));
        assertThat(page.findElements(memberOfSecond)).hasSize(other.equals(secondName) ? 1 : 0);

        new Select(page.findElement(By.id("org-switch"))).selectByVisibleText(shown);
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.textToBe(By.id("org-name"), shown));
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("members-section")));
        assertThat(page.findElements(memberOfSecond)).hasSize(shown.equals(secondName) ? 1 : 0);
        assertThat(String.valueOf(chromium.script("return JSON.stringify(Object.assign({}, sessionStorage, localStorage));")))
                .doesNotContain("access_token").doesNotContain("eyJ");
    }
}
