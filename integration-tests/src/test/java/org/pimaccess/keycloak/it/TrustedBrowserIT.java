package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.HomeApi;
import org.pimaccess.keycloak.it.harness.Mailbox;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.OrgFixture;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.PimPhonesApi;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.SoftwarePasskey;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Trusted browsers over real HTTP: the box on the code page trusts the browser, whose next sign-in after the password
 * sends no text and still gives PIM {@code acr=phone-otp}; nothing else stands in for the cookie, nothing that adds a
 * credential accepts it, and every way of ending it ends it. "Signing out" is closing the browser: its session cookies
 * go, the trusted-browser cookie (it has an expiry) stays.
 */
@PimKeycloakTest
class TrustedBrowserIT {

    private static final String TYPE = "pim-trusted-browser";
    private static final String COOKIE_PREFIX = "PIM_TRUSTED_BROWSER_";

    @Test
    void aTickedBoxSavesTheNextTextAndPimStillGetsPhoneOtpWhileAnUntickedOneDoesNot(PimKeycloak keycloak) throws Exception {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        Page code = signIn.send(select.phoneIds().get(0), "sms");
        assertThat(code.document().getElementById("trustBrowser")).as("the box is offered").isNotNull();
        assertThat(code.document().getElementById("trustBrowser").hasAttr("checked")).as("off by default").isFalse();
        assertThat(code.text()).contains("Don't ask for a code on this browser for 30 days");

        assertThat(trustWith(signIn, SentCodes.lastSmsTo(keycloak.awsFake(), user.phone())).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        assertThat(cookieOf(signIn)).as("an HttpOnly cookie named for the person").isNotNull();
        MimeMessage mail = keycloak.mailbox().newestTo(user.username() + "@example.test",
                "A browser now signs in to your account without a code");
        assertThat(Mailbox.textOf(mail)).contains("If this wasn't you");

        signIn.browser().restart();
        assertThat(signsInWithoutText(keycloak, signIn, user)).as("the trusted browser stands in for the code").isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        assertThat(keycloak.awsFake().sentTo(user.phone())).as("one text in two sign-ins").hasSize(1);
        List<EventRepresentation> logins = keycloak.realm().getEvents(List.of("LOGIN"), null, user.id(), null, null, null, 0, 10);
        assertThat(logins).extracting(event -> event.getDetails().get("trusted_browser")).contains("true");
        assertThat(keycloak.metrics()).contains("pim_trusted_browser_texts_saved_total");

        TestUser other = TestUsers.withPhones(keycloak, 1);
        SignIn unticked = new SignIn(keycloak.baseUrl());
        unticked.open("pim");
        Page otherSelect = unticked.password(other.username(), TestUsers.PASSWORD);
        unticked.send(otherSelect.phoneIds().get(0), "sms");
        assertThat(unticked.code(SentCodes.lastSmsTo(keycloak.awsFake(), other.phone())).isCallback()).isTrue();
        unticked.browser().restart();
        assertThat(signsInWithoutText(keycloak, unticked, other)).as("an unticked box trusts nothing").isFalse();
    }

    @Test
    void aCookieCopiedToAnotherPersonsSignInOrAlteredStandsInForNothing(PimKeycloak keycloak) {
        TestUser owner = TestUsers.withPhones(keycloak, 1);
        SignIn ownersBrowser = trusted(keycloak, owner);
        Map.Entry<String, String> cookie = cookieOf(ownersBrowser);

        TestUser thief = TestUsers.withPhones(keycloak, 1);
        SignIn thiefs = new SignIn(keycloak.baseUrl());
        thiefs.browser().putCookie(cookie.getKey(), cookie.getValue());
        trusted(keycloak, thief, thiefs);
        String thiefsName = thiefs.browser().cookies().keySet().stream()
                .filter(name -> name.startsWith(COOKIE_PREFIX) && !name.equals(cookie.getKey())).findFirst().orElseThrow();
        thiefs.browser().putCookie(thiefsName, cookie.getValue());
        thiefs.browser().restart();
        assertThat(signsInWithoutText(keycloak, thiefs, thief)).as("another person's cookie under this person's name").isFalse();

        SignIn altered = new SignIn(keycloak.baseUrl());
        String value = cookie.getValue();
        altered.browser().putCookie(cookie.getKey(), value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A"));
        assertThat(signsInWithoutText(keycloak, altered, owner)).as("an altered secret").isFalse();

        ownersBrowser.browser().restart();
        assertThat(signsInWithoutText(keycloak, ownersBrowser, owner)).as("the owner's own browser still is").isTrue();
    }

    @Test
    void addingAPhoneOrAPasskeyFromATrustedBrowserAsksAFreshCode(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = trusted(keycloak, user);
        signIn.browser().restart();
        assertThat(signsInWithoutText(keycloak, signIn, user)).isTrue();
        for (String action : List.of("webauthn-register-passwordless", "phone-register")) {
            Page page = signIn.browser().openSignIn("pim", null, Map.of("kc_action", action));
            if (page.hasForm("kc-form-login")) {
                page = signIn.password(user.username(), TestUsers.PASSWORD);
            }
            assertThat(page.hasForm("pim-phone-otp-select")).as(action + " asks a code first:\n" + page.text()).isTrue();
        }
        int texts = keycloak.awsFake().sentTo(user.phone()).size();
        Page code = signIn.send(signIn.browser().current().phoneIds().get(0), "sms");
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(texts + 1);
        assertThat(code.document().getElementById("trustBrowser")).as("no offer in an application-initiated action").isNull();
    }

    @Test
    void anApplicationAskingPromptLoginGetsACodeAskedEvenFromABrowserWithoutASession(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = trusted(keycloak, user);
        signIn.browser().restart();

        signIn.browser().openSignIn("pim", null, Map.of("prompt", "login"));
        Page page = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(page.hasForm("pim-phone-otp-select")).as(page.text()).isTrue();
    }

    @Test
    void aClientThatTurnedTrustedBrowsersOffAlwaysAsksTheCodeAndPhoneRegistrationNeverOffersTheBox(PimKeycloak keycloak) {
        String noTrust = Clients.withoutTrustedBrowsers(keycloak);
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = trusted(keycloak, user);
        signIn.browser().restart();

        Page select = signIn.browser().openSignIn(noTrust, "phone-otp");
        select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
        Page code = signIn.send(select.phoneIds().get(0), "sms");
        assertThat(code.document().getElementById("trustBrowser")).isNull();

        TestUser newcomer = TestUsers.withoutPhone(keycloak);
        SignIn registration = new SignIn(keycloak.baseUrl());
        registration.open("pim");
        registration.password(newcomer.username(), TestUsers.PASSWORD);
        Page registerCode = registration.registerPhone(TestUsers.newPhoneNumber(), null, "Mine", "sms");
        assertThat(registerCode.hasForm("pim-phone-otp-code")).as(registerCode.text()).isTrue();
        assertThat(registerCode.document().getElementById("trustBrowser")).as("not on a phone registration").isNull();
    }

    @Test
    void forgetOnHomeAndForgetAllEndTheTrustAndHomeListsTheBrowser(PimKeycloak keycloak) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn first = trusted(keycloak, user);
        SignIn second = trusted(keycloak, user);
        SignIn third = trusted(keycloak, user);
        HomeApi home = new HomeApi(keycloak);
        String token = "Bearer " + Tokens.home(keycloak, user);

        JsonNode listed = home.me(token).json().get("trustedBrowsers");
        assertThat(listed).hasSize(3);
        JsonNode one = listed.get(0);
        assertThat(one.get("browser").asText()).isNotBlank();
        assertThat(one.get("os").asText()).isNotBlank();
        assertThat(one.get("expiresAt").asLong() - one.get("createdAt").asLong()).isEqualTo(Duration.ofDays(30).toMillis());

        second.browser().restart();
        assertThat(signsInWithoutText(keycloak, second, user)).as("a session the browser signed in").isTrue();
        String secondId = cookieOf(second).getValue().split("\\.")[0];
        assertThat(home.delete("api/trusted-browsers/" + secondId, token).status()).isEqualTo(204);
        assertThat(second.open("pim").isCallback()).as("forgetting the browser ended the session it signed in").isFalse();
        assertThat(home.delete("api/trusted-browsers/" + secondId, token).status()).isEqualTo(404);
        second.browser().restart();
        assertThat(signsInWithoutText(keycloak, second, user)).as("a forgotten browser").isFalse();
        first.browser().restart();
        assertThat(signsInWithoutText(keycloak, first, user)).as("the others stay").isTrue();

        assertThat(home.delete("api/trusted-browsers", token).status()).isEqualTo(204);
        assertThat(home.me(token).json().get("trustedBrowsers")).isEmpty();
        third.browser().restart();
        assertThat(signsInWithoutText(keycloak, third, user)).as("forget all").isFalse();
    }

    @Test
    void aPasswordChangeAPhoneResetDisablingTheAccountAndARealmAdminsDeleteEachEndIt(PimKeycloak keycloak) {
        endsTrust(keycloak, "a password reset by a realm admin", user -> {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(TestUsers.PASSWORD);
            password.setTemporary(false);
            keycloak.realm().users().get(user.id()).resetPassword(password);
        });
        endsTrust(keycloak, "the account disabled and enabled again", user -> {
            UserRepresentation representation = keycloak.realm().users().get(user.id()).toRepresentation();
            representation.setEnabled(false);
            keycloak.realm().users().get(user.id()).update(representation);
            representation.setEnabled(true);
            keycloak.realm().users().get(user.id()).update(representation);
        });
        endsTrust(keycloak, "a realm admin deleting the credential", user -> keycloak.realm().users().get(user.id()).credentials()
                .stream().filter(credential -> TYPE.equals(credential.getType()))
                .forEach(credential -> keycloak.realm().users().get(user.id()).removeCredential(credential.getId())));

        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = trusted(keycloak, user);
        PimPhonesApi phones = new PimPhonesApi(keycloak);
        Answer reset = phones.post("users/" + user.id() + "/phone-reset", phones.serverAdminToken(), Map.of());
        assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
        assertThat(trustedBrowsersOf(keycloak, user)).as("a phone reset").isEmpty();
        signIn.browser().restart();
        signIn.open("pim");
        assertThat(signIn.password(user.username(), TestUsers.PASSWORD).isCallback()).isFalse();
    }

    @Test
    void aPasskeyResetAndASuspensionByAnOrgAdminEndIt(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Trusted Reset");
        OrgAdminApi api = new OrgAdminApi(keycloak);

        TestUser withPasskey = TestUsers.withPasskey(keycloak, SoftwarePasskey.create().credential("Laptop"));
        new Orgs(keycloak).addMember(org.id(), withPasskey.id());
        SignIn passkeyBrowser = trusted(keycloak, withPasskey);
        Answer passkeyReset = api.post(org.path("members/" + withPasskey.id() + "/passkey-reset"), org.adminToken(), "");
        assertThat(passkeyReset.status()).as(passkeyReset.toString()).isEqualTo(202);
        passkeyBrowser.browser().restart();
        assertThat(signsInWithoutText(keycloak, passkeyBrowser, withPasskey)).as("a passkey reset").isFalse();

        TestUser member = org.addMember(keycloak);
        SignIn memberBrowser = trusted(keycloak, member);
        Answer suspended = api.post(org.path("members/" + member.id() + "/suspension"), org.adminToken(),
                Map.of("reason", "Left the project"));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        memberBrowser.browser().restart();
        assertThat(signsInWithoutText(keycloak, memberBrowser, member)).as("a suspension").isFalse();
    }

    @Test
    void anOrganizationThatForbidsTrustedBrowsersHidesTheBoxAndEndsEarlierTrustAndOneThatAllowsFewerDaysOffersFewer(
            PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "No Trust");
        TestUser member = org.addMember(keycloak);
        SignIn earlier = trusted(keycloak, member);
        OrgAdminApi api = new OrgAdminApi(keycloak);
        Answer forbids = api.put(org.path("sign-in-policy"), org.adminToken(), Map.of("level", "phone-otp", "trustedBrowserDays", 0));
        assertThat(forbids.status()).as(forbids.toString()).isEqualTo(200);

        earlier.browser().restart();
        assertThat(signsInWithoutText(keycloak, earlier, member)).as("a browser trusted before the policy").isFalse();
        Page code = earlier.send(earlier.browser().current().phoneIds().get(0), "sms");
        assertThat(code.hasForm("pim-phone-otp-code")).as(code.text()).isTrue();
        assertThat(code.document().getElementById("trustBrowser")).as("the box is not offered").isNull();

        Answer fewer = api.put(org.path("sign-in-policy"), org.adminToken(), Map.of("level", "phone-otp", "trustedBrowserDays", 7));
        assertThat(fewer.status()).as(fewer.toString()).isEqualTo(200);
        TestUser colleague = org.addMember(keycloak);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        Page offered = signIn.send(signIn.password(colleague.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        assertThat(offered.text()).contains("Don't ask for a code on this browser for 7 days");
    }

    /** Adding the passkey an organization asks for takes a typed code, so a trusted browser does not stand in for it. */
    @Test
    void aMemberWhoMustAddAPasskeyTypesACodeEvenOnATrustedBrowser(PimKeycloak keycloak) {
        OrgFixture org = OrgFixture.create(keycloak, "Passkeys Only");
        TestUser member = org.addMember(keycloak);
        SignIn signIn = trusted(keycloak, member);
        Answer passkeys = new OrgAdminApi(keycloak).put(org.path("sign-in-policy"), org.adminToken(), Map.of("level", "passkey"));
        assertThat(passkeys.status()).as(passkeys.toString()).isEqualTo(200);

        signIn.browser().restart();
        assertThat(signsInWithoutText(keycloak, signIn, member)).isFalse();
    }

    private static void endsTrust(PimKeycloak keycloak, String how, Consumer<TestUser> end) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = trusted(keycloak, user);
        assertThat(trustedBrowsersOf(keycloak, user)).hasSize(1);
        end.accept(user);
        signIn.browser().restart();
        assertThat(signsInWithoutText(keycloak, signIn, user)).as(how).isFalse();
    }

    /** A new browser, signed in with a code and the box ticked. */
    static SignIn trusted(PimKeycloak keycloak, TestUser user) {
        return trusted(keycloak, user, new SignIn(keycloak.baseUrl()));
    }

    private static SignIn trusted(PimKeycloak keycloak, TestUser user, SignIn signIn) {
        signIn.open("pim");
        Page select = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
        signIn.send(select.phoneIds().get(0), "sms");
        assertThat(trustWith(signIn, SentCodes.lastSmsTo(keycloak.awsFake(), user.phone())).isCallback()).isTrue();
        return signIn;
    }

    private static Page trustWith(SignIn signIn, String code) {
        return signIn.browser().submit("pim-phone-otp-code", Map.of("code", code, "trustBrowser", "on"), "verify");
    }

    /**
     * Password only, then: true when the browser reached PIM with no text sent, false when the Phone OTP step asked
     * (its page shows and no text went out yet).
     */
    static boolean signsInWithoutText(PimKeycloak keycloak, SignIn signIn, TestUser user) {
        int texts = keycloak.awsFake().sentTo(user.phone()).size();
        signIn.open("pim");
        Page after = signIn.password(user.username(), TestUsers.PASSWORD);
        assertThat(keycloak.awsFake().sentTo(user.phone())).hasSize(texts);
        if (after.isCallback()) {
            return true;
        }
        assertThat(after.hasForm("pim-phone-otp-select")).as(after.text()).isTrue();
        return false;
    }

    static Map.Entry<String, String> cookieOf(SignIn signIn) {
        return signIn.browser().cookies().entrySet().stream().filter(cookie -> cookie.getKey().startsWith(COOKIE_PREFIX))
                .findFirst().orElse(null);
    }

    private static List<CredentialRepresentation> trustedBrowsersOf(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> TYPE.equals(credential.getType())).toList();
    }

}
