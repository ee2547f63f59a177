package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.pimaccess.keycloak.it.harness.AwsFake;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Browser;
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

    /**
     * Stock {@code keycloak.v2} renders no organization field: the person is not refused for a field the page
     * never showed, but asked on the pack's own page right after registration, under the field's rules (a
     * look-alike of a registered name is refused there too), then registers a phone and holds the new
     * organization's roles in their token.
     */
    @Test
    void onKeycloaksStockThemeAPersonNamesTheirOrganizationOnThePacksPageAfterRegisteringThenGetsPhoneOtp(
            PimKeycloak keycloak) throws Exception {
        String registered = Orgs.uniqueName("Stock Registered");
        new Orgs(keycloak).create(registered);
        try (AutoCloseable stockTheme = RealmSettings.change(keycloak.realm(), realm -> realm.setLoginTheme("keycloak.v2"))) {
            TestUsers.Person person = TestUsers.newPerson();
            String number = TestUsers.newPhoneNumber();
            SignIn signIn = new SignIn(keycloak.baseUrl());
            Page form = signIn.openRegistration("pim");
            assertStockTheme(form);
            assertThat(form.document().getElementById("organizationName")).as(form.text()).isNull();

            Page organizationPage = signIn.register(person.registrationFields());
            assertThat(organizationPage.hasForm("pim-organization")).as(organizationPage.text()).isTrue();
            assertStockTheme(organizationPage);
            assertThat(organizationPage.text()).contains("Register your organization");

            Page lookAlike = signIn.browser().submit("pim-organization", Map.of("organizationName", registered.toUpperCase()), null);
            assertThat(lookAlike.hasForm("pim-organization")).as(lookAlike.text()).isTrue();
            assertThat(lookAlike.byId("input-error-organizationName")).isEqualTo(
                    "This organization is already registered. Ask its administrator to invite you.");

            String name = Orgs.uniqueName("Stock Own");
            Page phonePage = signIn.browser().submit("pim-organization", Map.of("organizationName", name), null);
            assertThat(phonePage.hasForm("pim-phone-register")).as(phonePage.text()).isTrue();
            signIn.registerPhone(number, null, "Mobile", "sms");
            assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), number)).isCallback()).isTrue();
            Map<String, Object> idToken = signIn.idToken("pim", SignIn.PIM_SECRET);
            assertThat(idToken).containsEntry("acr", "phone-otp");
            String alias = new Orgs(keycloak).byName(name).getAlias();
            assertThat(Tokens.rolesIn(idToken, alias)).containsExactly("pim-org-admin");
        }
    }

    @Test
    void underStockLoginAndEmailThemesTheResetMailsItsLinkAndTheNewPhoneIsAnnounced(PimKeycloak keycloak) throws Exception {
        RealmRepresentation before = keycloak.realm().toRepresentation();
        RealmRepresentation stock = new RealmRepresentation();
        stock.setLoginTheme("keycloak.v2");
        stock.setEmailTheme("keycloak");
        keycloak.realm().update(stock);
        try {
            OrgFixture org = OrgFixture.create(keycloak, "Stock Mail");
            TestUser member = org.addMember(keycloak);
            String email = member.username() + "@example.test";

            Answer reset = new OrgAdminApi(keycloak).post(org.path("members/" + member.id() + "/phone-reset"), org.adminToken(), "");
            assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
            assertThat(keycloak.mailbox().newestTo(email).getSubject()).isEqualTo("Your phones were reset");
            String link = keycloak.mailbox().linkTo(email, "/login-actions/action-token");

            Browser mailbox = new Browser(keycloak.baseUrl());
            SignIn viaLink = new SignIn(keycloak.baseUrl(), mailbox);
            Page form = mailbox.openMailedLink(link);
            assertThat(form.hasForm("pim-phone-register")).as(form.text()).isTrue();
            assertStockTheme(form);
            String number = TestUsers.newPhoneNumber();
            viaLink.registerPhone(number, null, "Replacement", "sms");
            viaLink.code(SentCodes.lastSmsTo(keycloak.awsFake(), number));

            MimeMessage added = Poll.until(Duration.ofSeconds(15), () -> keycloak.mailbox().newestTo(email),
                    mail -> subjectOf(mail).equals("A phone was added to your account"), "the notice of the new phone");
            assertThat(Mailbox.textOf(added)).contains(number.substring(number.length() - 4)).doesNotContain(number.substring(2));
        } finally {
            RealmRepresentation restore = new RealmRepresentation();
            restore.setLoginTheme(before.getLoginTheme());
            restore.setEmailTheme(before.getEmailTheme());
            keycloak.realm().update(restore);
        }
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rendered by keycloak.v2 itself: its stylesheet, none of theme pim's. */
    private static void assertStockTheme(Page page) {
        List<String> stylesheets = page.document().select("link[rel=stylesheet]").eachAttr("href");
        assertThat(stylesheets).anyMatch(href -> href.contains("/login/keycloak.v2/"));
        assertThat(stylesheets).noneMatch(href -> href.contains("pim.css"));
    }
}
