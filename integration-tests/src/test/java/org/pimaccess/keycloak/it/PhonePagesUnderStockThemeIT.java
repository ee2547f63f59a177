package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.AwsFake;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * The phone pages and texts ship in the pack's JAR, so a realm on Keycloak's stock login theme
 * {@code keycloak.v2}, with nothing of theme {@code pim}, registers a phone and signs in with it, in the
 * person's language.
 */
@PimKeycloakTest
class PhonePagesUnderStockThemeIT {

    private static final Map<String, String> GERMAN = Map.of("ui_locales", "de");

    @Test
    void aGermanSpeakerOnKeycloaksStockThemeRegistersAPhoneAndSignsInWithIt(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable stockTheme = RealmSettings.change(keycloak.realm(), realm -> realm.setLoginTheme("keycloak.v2"))) {
            TestUser user = TestUsers.withoutPhone(keycloak);
            String number = TestUsers.newPhoneNumber();
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.browser().openSignIn("pim", null, GERMAN);

            Page registration = signIn.password(user.username(), TestUsers.PASSWORD);
            assertThat(registration.hasForm("pim-phone-register")).as(registration.text()).isTrue();
            assertStockTheme(registration);
            assertThat(registration.text()).contains("Telefon registrieren", "Telefonnummer");

            Page codePage = signIn.registerPhone(number, null, "Diensthandy", "sms");
            assertThat(codePage.hasForm("pim-phone-otp-code")).as(codePage.text()).isTrue();
            assertStockTheme(codePage);
            assertThat(codePage.text()).contains("Anmeldung mit Telefon-Code");
            List<AwsFake.Sent> sent = keycloak.awsFake().sentTo(number);
            assertThat(sent).hasSize(1);
            String sms = sent.get(0).body();
            String code = SentCodes.fromSms(sms);
            assertThat(sms).contains(": Ihr Anmeldecode lautet " + code + ". Er läuft in 2 Minuten ab.");
            assertThat(signIn.code(code).isCallback()).isTrue();
            assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");

            SignIn again = new SignIn(keycloak.baseUrl());
            again.browser().openSignIn("pim", null, GERMAN);
            Page select = again.password(user.username(), TestUsers.PASSWORD);
            assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
            assertStockTheme(select);
            assertThat(select.text()).contains("Anmeldung mit Telefon-Code", "Diensthandy");
            assertThat(select.phoneLabels().get(0)).contains("•••").doesNotContain(number.substring(2, 9));

            again.send(select.phoneIds().get(0), "sms");
            assertThat(again.code(SentCodes.lastSmsTo(keycloak.awsFake(), number)).isCallback()).isTrue();
            assertThat(again.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        }
    }

    /** Rendered by keycloak.v2 itself: its stylesheet, none of theme pim's. */
    private static void assertStockTheme(Page page) {
        List<String> stylesheets = page.document().select("link[rel=stylesheet]").eachAttr("href");
        assertThat(stylesheets).anyMatch(href -> href.contains("/login/keycloak.v2/"));
        assertThat(stylesheets).noneMatch(href -> href.contains("pim.css"));
    }
}
