package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.pimaccess.keycloak.it.chromium.Browsers;
import org.pimaccess.keycloak.it.chromium.Chromium;
import org.pimaccess.keycloak.it.chromium.ChromiumExtension;
import org.pimaccess.keycloak.it.chromium.PimPages;
import org.pimaccess.keycloak.it.harness.ApacheRelyingParty;
import org.pimaccess.keycloak.it.harness.FreePorts;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;

/**
 * A relying party that is not Java: {@code examples/apache-rp}, Debian's Apache httpd with mod_auth_openidc,
 * started with its own configuration. A person signs in through it with the phone code, its page names their
 * organization and roles from the {@code organization} claim, and after their org admin suspends them
 * Keycloak's back-channel logout ends the Apache session: the next page is Keycloak's. Without Apache and
 * mod_auth_openidc the class is skipped with a message; where {@code CI} is set it fails instead.
 */
@PimKeycloakTest
@ExtendWith(ChromiumExtension.class)
class ApacheRelyingPartyInChromiumIT {

    private static ApacheRelyingParty apache;

    @BeforeAll
    static void startApache(PimKeycloak keycloak) {
        String unavailable = ApacheRelyingParty.unavailableBecause();
        if (unavailable != null) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the Apache relying party test, but " + unavailable);
            }
            System.err.println("SKIPPED ApacheRelyingPartyInChromiumIT: " + unavailable);
            Assumptions.abort(unavailable);
        }
        apache = ApacheRelyingParty.start(keycloak, FreePorts.next(), Path.of("target", "it-work", "apache-rp"));
    }

    @AfterAll
    static void stopApache() {
        if (apache != null) {
            apache.close();
        }
    }

    @Test
    void anEditorSignsInThroughApacheWithThePhoneCodeSeesTheirOrganizationAndIsSentBackToKeycloakOnceSuspended(
            PimKeycloak keycloak, Browsers browsers) {
        OrgFixture org = OrgFixture.create(keycloak, "Apache Partners");
        TestUser editor = org.addMember(keycloak);
        OrgAdminApi api = new OrgAdminApi(keycloak);
        Answer roles = api.put(org.path("members/" + editor.id() + "/roles"), org.adminToken(),
                Map.of("roles", List.of("pim-editor")));
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        Chromium chromium = browsers.open(1280, 800);
        WebDriver page = chromium.driver();

        // 1. Apache sends the browser to Keycloak asking for phone OTP; password, then the code.
        page.get(apache.page());
        assertThat(chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")))
                .isDisplayed()).isTrue();
        assertThat(page.getCurrentUrl()).contains("client_id=apache-rp", "acr_values=phone-otp");
        PimPages.password(chromium, editor);
        PimPages.phoneOtp(chromium, keycloak.awsFake(), editor, "sms");

        // 2. Apache's page: acr=phone-otp, the organization by its name, the roles there.
        By organization = By.cssSelector("#organizations li[data-organization='" + org.alias() + "']");
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(organization));
        assertThat(page.getCurrentUrl()).isEqualTo(apache.page());
        assertThat(page.findElement(By.id("acr")).getText()).isEqualTo("phone-otp");
        assertThat(page.findElement(organization).findElement(By.className("name")).getText()).isEqualTo(org.name());
        assertThat(page.findElement(organization).findElement(By.className("roles")).getText()).isEqualTo("pim-editor");

        // 3. The org admin suspends them: Keycloak ends the session and tells Apache; the page ends.
        Answer suspended = api.post(org.path("members/" + editor.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "Contract ended"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        String keycloakOrigin = keycloak.baseUrl().resolve("/").toString();
        chromium.waitUpTo(PimPages.WAIT).withMessage("Apache's next page to be Keycloak's (" + keycloakOrigin
                + "): Keycloak posts a logout token to Apache when the session ends; see " + apache.errorLog()).until(driver -> {
            driver.get(apache.page());
            return driver.getCurrentUrl().startsWith(keycloakOrigin);
        });
        chromium.waitUpTo(PimPages.WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertThat(page.getCurrentUrl()).contains("client_id=apache-rp");
    }
}
