package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.RealmSettings;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * SMS pumping: budgets that hold against fresh accounts and numbers, client addresses that cannot be
 * forged behind an appending proxy, number types that pumping uses, and limits that hold when the
 * phone is saved. The server runs with {@code --proxy-headers=xforwarded}; tests stand in for the
 * proxy by sending {@code X-Forwarded-For}, so the realm accepts plain HTTP for their duration.
 */
@PimKeycloakTest
class TollFraudIT {

    private static final String INDEX = "pim.phone-index";

    @Test
    void freshAccountsFromFreshAddressesRegisteringFreshNumbersStopAtTheRegistrationShareAndSignInsGoOn(PimKeycloak keycloak)
            throws Exception {
        // A window length of its own, so that no other test's sends count in this budget.
        Map<String, String> budget = Map.of("realm-sms-budget", "20", "registration-budget-percent", "50",
                "budget-window-seconds", "7200");
        try (AutoCloseable http = plainHttp(keycloak);
             AutoCloseable signInBudget = keycloak.phoneOtpSettings().change(budget);
             AutoCloseable registrationBudget = keycloak.registrationSettings().change(budget)) {
            List<String> numbers = new ArrayList<>();
            List<Page> answers = new ArrayList<>();
            TestUser refusedUser = null;
            for (int i = 0; i < 25; i++) {
                TestUser fresh = TestUsers.withoutPhone(keycloak);
                String number = TestUsers.newPhoneNumber();
                SignIn signIn = from(keycloak, "198.51.100." + (i + 10));
                signIn.open("pim");
                signIn.password(fresh.username(), TestUsers.PASSWORD);
                Page answer = signIn.registerPhone(number, null, "", "sms");
                numbers.add(number);
                answers.add(answer);
                if (!answer.hasForm("pim-phone-otp-code")) {
                    refusedUser = fresh;
                }
            }

            long delivered = numbers.stream().filter(number -> !keycloak.awsFake().sentTo(number).isEmpty()).count();
            assertThat(delivered).as("the registration share of a budget of 20").isEqualTo(10);
            assertThat(answers.get(24).errors()).contains("We cannot send codes right now");
            String refusedId = refusedUser.id();
            Poll.until(java.time.Duration.ofSeconds(60),
                    () -> keycloak.realm().getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null, refusedId, null, null, null, 0, 5),
                    events -> events.stream().anyMatch(event -> "phone_message_budget".equals(event.getError())),
                    "the refusal's event");
            assertThat(Files.readAllLines(keycloak.serverLog()).stream()
                    .filter(line -> line.contains("Phone message budget reached") && line.contains("realm sms, 20 per 7200 s")))
                    .as("one warning per window, not one per refusal").hasSize(1);

            TestUser existing = TestUsers.withPhones(keycloak, 1);
            SignIn signIn = from(keycloak, "198.51.100.200");
            signIn.open("pim");
            signIn.send(signIn.password(existing.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
            assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), existing.phone())).isCallback()).isTrue();
            assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
        }
    }

    @Test
    void behindAnAppendingProxyForgedLeftMostAddressesDoNotEscapeTheRealClientsCap(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable http = plainHttp(keycloak);
             AutoCloseable rightHop = keycloak.phoneOtpSettings().change(Map.of("ip-send-cap", "30", "client-address-hop", "1"))) {
            Page last = null;
            for (int i = 0; i < 31; i++) {
                TestUser user = TestUsers.withPhones(keycloak, 1);
                SignIn signIn = from(keycloak, "192.0.2." + (i + 1) + ", 203.0.113.9");
                signIn.open("pim");
                last = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
                if (i < 30) {
                    assertThat(last.hasForm("pim-phone-otp-code")).as("send " + (i + 1) + ": " + last.errors()).isTrue();
                }
            }
            assertThat(last.hasForm("pim-phone-otp-code")).isFalse();
            assertThat(last.errors()).contains("Too many codes were sent recently.");
        }
    }

    @Test
    void twoAddressesInOneIpv6Slash64ShareOneCap(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable http = plainHttp(keycloak);
             AutoCloseable capOfOne = keycloak.phoneOtpSettings().change(Map.of("ip-send-cap", "1", "client-address-hop", "1"))) {
            assertThat(sendFrom(keycloak, "2001:db8:77:1::10").hasForm("pim-phone-otp-code")).isTrue();

            Page sameSlash64 = sendFrom(keycloak, "2001:db8:77:1:ffff::20");
            assertThat(sameSlash64.hasForm("pim-phone-otp-code")).isFalse();
            assertThat(sameSlash64.errors()).contains("Too many codes were sent recently.");

            assertThat(sendFrom(keycloak, "2001:db8:77:2::10").hasForm("pim-phone-otp-code")).isTrue();
        }
    }

    @Test
    void personalAndPremiumRateNumbersAreRefusedAtRegistrationAndAMobileOfTheSameCountryIsAccepted(PimKeycloak keycloak) {
        TestUser user = TestUsers.withoutPhone(keycloak);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(user.username(), TestUsers.PASSWORD);

        for (String[] refused : new String[][] {{"+447012345678", "sms"}, {"+447012345678", "voice"},
                {"+449098790000", "voice"}, {"+19002001234", "sms"}}) {
            Page page = signIn.registerPhone(refused[0], null, "", refused[1]);
            assertThat(page.document().getElementById("input-error-phoneNumber")).as(refused[0]).isNotNull();
            assertThat(page.errors()).contains("Numbers of this kind");
            assertThat(keycloak.awsFake().sentTo(refused[0])).isEmpty();
        }

        signIn.registerPhone("+447400123456", null, "", "sms");
        assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), "+447400123456")).isCallback()).isTrue();
        assertThat(phones(keycloak, user)).hasSize(1);
    }

    @Test
    void twoTabsOfAUserWithFourPhonesStoreOnlyOneMoreAndTheOtherGetsTheMaxPhonesMessage(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable noCooldown = noCooldown(keycloak)) {
            TestUser user = TestUsers.withPhones(keycloak, 4);
            SignIn first = atPhoneRegistration(keycloak, user);
            SignIn second = atPhoneRegistration(keycloak, user);
            String firstNumber = TestUsers.newPhoneNumber();
            String secondNumber = TestUsers.newPhoneNumber();
            first.registerPhone(firstNumber, null, "", "sms");
            second.registerPhone(secondNumber, null, "", "sms");

            assertThat(first.code(SentCodes.lastSmsTo(keycloak.awsFake(), firstNumber)).isCallback()).isTrue();
            Page refused = second.code(SentCodes.lastSmsTo(keycloak.awsFake(), secondNumber));

            assertThat(refused.isCallback()).isFalse();
            assertThat(refused.errors()).contains("You already have 5 phones");
            assertThat(phones(keycloak, user)).extracting(CredentialRepresentation::getUserLabel).hasSize(5);
        }
    }

    @Test
    void oneNumberInTwoTabsIsStoredOnce(PimKeycloak keycloak) throws Exception {
        try (AutoCloseable noCooldown = noCooldown(keycloak)) {
            TestUser user = TestUsers.withPhones(keycloak, 1);
            SignIn first = atPhoneRegistration(keycloak, user);
            SignIn second = atPhoneRegistration(keycloak, user);
            String number = TestUsers.newPhoneNumber();
            first.registerPhone(number, null, "", "sms");
            String firstCode = SentCodes.lastSmsTo(keycloak.awsFake(), number);
            second.registerPhone(number, null, "", "sms");
            String secondCode = SentCodes.lastSmsTo(keycloak.awsFake(), number);

            assertThat(first.code(firstCode).isCallback()).isTrue();
            Page refused = second.code(secondCode);

            assertThat(refused.isCallback()).isFalse();
            assertThat(refused.errors()).contains("This phone is already registered to your account.");
            assertThat(phones(keycloak, user)).hasSize(2);
        }
    }

    @Test
    void theIndexIsAKeyedHashThatNoSha256OfTheNumberMatchesAndUniquenessStillHoldsAlsoForOldEntries(PimKeycloak keycloak)
            throws Exception {
        try (AutoCloseable unique = keycloak.registrationSettings().change(Map.of("unique-across-users", "true"));
             AutoCloseable visible = unmanagedAttributes(keycloak, UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT)) {
            String realmId = keycloak.realm().toRepresentation().getId();
            TestUser holder = TestUsers.withoutPhone(keycloak);
            String number = TestUsers.newPhoneNumber();
            registerThroughThePages(keycloak, holder, number);

            String indexed = index(keycloak, holder).get(0);
            assertThat(indexed).isNotEqualTo(sha256(realmId + ":" + number)).isNotEqualTo(sha256(number));
            assertThat(indexed).doesNotContain(number.substring(1));
            assertThat(registrationRefused(keycloak, number)).isTrue();

            TestUser old = TestUsers.create(keycloak, List.of(TestUsers.newPhoneNumber()));
            String legacy = sha256(realmId + ":" + old.phone());
            UserRepresentation representation = keycloak.realm().users().get(old.id()).toRepresentation();
            representation.getAttributes().put(INDEX, List.of(legacy));
            keycloak.realm().users().get(old.id()).update(representation);

            assertThat(registrationRefused(keycloak, old.phone())).as("an entry written before keyed hashes still counts").isTrue();
            assertThat(index(keycloak, old)).as("and is migrated on that use").hasSize(1).doesNotContain(legacy);
        }
    }

    private static SignIn from(PimKeycloak keycloak, String forwardedFor) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.browser().header("X-Forwarded-For", forwardedFor);
        return signIn;
    }

    private static Page sendFrom(PimKeycloak keycloak, String address) {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = from(keycloak, address);
        signIn.open("pim");
        return signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
    }

    /** A request from another address than the proxy's is not local; the realm must accept plain HTTP. */
    private static AutoCloseable plainHttp(PimKeycloak keycloak) {
        return RealmSettings.change(keycloak.realm(), realm -> realm.setSslRequired("none"));
    }

    private static AutoCloseable noCooldown(PimKeycloak keycloak) {
        AutoCloseable signIn = keycloak.phoneOtpSettings().change(Map.of("resend-cooldown-seconds", "0"));
        AutoCloseable registration = keycloak.registrationSettings().change(Map.of("resend-cooldown-seconds", "0"));
        return () -> {
            registration.close();
            signIn.close();
        };
    }

    /** The user adds a phone from an application: proves an existing one, then sees the registration form. */
    private static SignIn atPhoneRegistration(PimKeycloak keycloak, TestUser user) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open(Clients.passwordOnly(keycloak), "password");
        assertThat(signIn.password(user.username(), TestUsers.PASSWORD).isCallback()).isTrue();
        Page step = signIn.browser().openSignIn(Clients.passwordOnly(keycloak), null, Map.of("kc_action", "phone-register"));
        signIn.send(step.phoneIds().get(0), "sms");
        Page form = signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), user.phone()));
        assertThat(form.hasForm("pim-phone-register")).as(form.text()).isTrue();
        return signIn;
    }

    private static void registerThroughThePages(PimKeycloak keycloak, TestUser user, String number) {
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(user.username(), TestUsers.PASSWORD);
        signIn.registerPhone(number, null, "", "sms");
        assertThat(signIn.code(SentCodes.lastSmsTo(keycloak.awsFake(), number)).isCallback()).isTrue();
    }

    /** A new user asks to register a number; true when it is refused as taken, before anything is sent. */
    private static boolean registrationRefused(PimKeycloak keycloak, String number) {
        TestUser other = TestUsers.withoutPhone(keycloak);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.password(other.username(), TestUsers.PASSWORD);
        int sentBefore = keycloak.awsFake().sentTo(number).size();
        Page page = signIn.registerPhone(number, null, "", "sms");
        return page.errors().contains("This number cannot be registered.") && keycloak.awsFake().sentTo(number).size() == sentBefore;
    }

    private static List<String> index(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).toRepresentation().getAttributes().getOrDefault(INDEX, List.of());
    }

    private static AutoCloseable unmanagedAttributes(PimKeycloak keycloak, UPConfig.UnmanagedAttributePolicy policy) {
        UPConfig before = keycloak.realm().users().userProfile().getConfiguration();
        UPConfig changed = keycloak.realm().users().userProfile().getConfiguration();
        changed.setUnmanagedAttributePolicy(policy);
        keycloak.realm().users().userProfile().update(changed);
        return () -> keycloak.realm().users().userProfile().update(before);
    }

    private static List<CredentialRepresentation> phones(PimKeycloak keycloak, TestUser user) {
        return keycloak.realm().users().get(user.id()).credentials().stream()
                .filter(credential -> "phone".equals(credential.getType())).toList();
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
