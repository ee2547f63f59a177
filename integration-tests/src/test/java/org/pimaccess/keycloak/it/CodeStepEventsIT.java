package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.representations.idm.EventRepresentation;
import org.pimaccess.keycloak.it.harness.BruteForce;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Sign-in and phone registration share one code step, so the same input gives the same event error
 * in both: sign-in records it on {@code LOGIN_ERROR}, registration on {@code UPDATE_CREDENTIAL_ERROR}.
 *
 * <pre>
 * case                 | event error (both flows)
 * Send without method  | invalid_input
 * malformed code       | invalid_input
 * expired code         | expired_code
 * wrong code           | invalid_user_credentials
 * locked-out user      | user_temporarily_disabled, and the right code is not accepted
 * </pre>
 */
@PimKeycloakTest
class CodeStepEventsIT {

    enum Flow {
        SIGN_IN("LOGIN_ERROR", "pim-phone-otp-select"),
        REGISTRATION("UPDATE_CREDENTIAL_ERROR", "pim-phone-register");

        final String eventType;
        final String choiceForm;

        Flow(String eventType, String choiceForm) {
            this.eventType = eventType;
            this.choiceForm = choiceForm;
        }
    }

    /** A person who typed their password and sees the flow's first phone page. */
    private record Person(Flow flow, TestUser user, SignIn signIn, String number) {

        static Person atChoice(PimKeycloak keycloak, Flow flow) {
            TestUser user = flow == Flow.SIGN_IN ? TestUsers.withPhones(keycloak, 1) : TestUsers.withoutPhone(keycloak);
            SignIn signIn = new SignIn(keycloak.baseUrl());
            signIn.open("pim");
            Page choice = signIn.password(user.username(), TestUsers.PASSWORD);
            assertThat(choice.hasForm(flow.choiceForm)).as(choice.text()).isTrue();
            return new Person(flow, user, signIn, flow == Flow.SIGN_IN ? user.phone() : TestUsers.newPhoneNumber());
        }

        /** Presses Send with SMS, or with no method at all. */
        Page send(String method) {
            Map<String, String> fields = flow == Flow.SIGN_IN
                    ? Map.of("phoneId", signIn.browser().current().phoneIds().get(0))
                    : Map.of("phoneNumber", number, "country", "US", "label", "");
            if (method == null) {
                return signIn.postRaw(flow.choiceForm, withButton(fields, "send"));
            }
            return flow == Flow.SIGN_IN ? signIn.send(fields.get("phoneId"), method) : signIn.registerPhone(number, null, "", method);
        }

        /** The event errors recorded for this person in this flow, newest first. */
        List<String> errors(PimKeycloak keycloak) {
            return keycloak.realm().getEvents(List.of(flow.eventType), null, user.id(), null, null, null, 0, 50).stream()
                    .map(EventRepresentation::getError).toList();
        }

        List<String> awaitError(PimKeycloak keycloak, String error) {
            return Poll.until(Duration.ofSeconds(60), () -> errors(keycloak), errors -> errors.contains(error),
                    flow + " to record " + error);
        }

        private static Map<String, String> withButton(Map<String, String> fields, String button) {
            Map<String, String> all = new java.util.LinkedHashMap<>(fields);
            all.put(button, "");
            return all;
        }
    }

    @ParameterizedTest
    @EnumSource(Flow.class)
    void sendWithoutAMethodIsBadInputAndSendsNothing(Flow flow, PimKeycloak keycloak) {
        Person person = Person.atChoice(keycloak, flow);

        Page refused = person.send(null);

        assertThat(refused.errors()).contains("Choose SMS or a voice call.");
        assertThat(person.awaitError(keycloak, "invalid_input")).containsOnly("invalid_input");
        assertThat(keycloak.awsFake().sentTo(person.number())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flow.class)
    void aMalformedCodeIsBadInput(Flow flow, PimKeycloak keycloak) {
        Person person = Person.atChoice(keycloak, flow);
        person.send("sms");

        Page refused = person.signIn().code("12ab");

        assertThat(refused.errors()).contains("The code has 6 digits and nothing else.");
        assertThat(person.awaitError(keycloak, "invalid_input")).containsOnly("invalid_input");
    }

    @ParameterizedTest
    @EnumSource(Flow.class)
    void anExpiredCodeIsAnExpiredCode(Flow flow, PimKeycloak keycloak) throws Exception {
        Map<String, String> oneSecond = Map.of("code-ttl-seconds", "1");
        try (AutoCloseable signInTtl = keycloak.phoneOtpSettings().change(oneSecond);
             AutoCloseable registrationTtl = keycloak.registrationSettings().change(oneSecond)) {
            Person person = Person.atChoice(keycloak, flow);
            person.send("sms");
            String code = SentCodes.lastSmsTo(keycloak.awsFake(), person.number());
            Poll.until(Duration.ofSeconds(60), () -> person.signIn().browser().refresh(),
                    page -> "This code has expired.".equals(page.byId("pim-countdown")), "the code to expire");

            Page refused = person.signIn().code(code);

            assertThat(refused.isCallback()).isFalse();
            assertThat(refused.errors()).contains("The code has expired. Send a new one.");
            assertThat(person.awaitError(keycloak, "expired_code")).containsOnly("expired_code");
        }
    }

    @ParameterizedTest
    @EnumSource(Flow.class)
    void aWrongCodeIsInvalidCredentials(Flow flow, PimKeycloak keycloak) {
        Person person = Person.atChoice(keycloak, flow);
        person.send("sms");
        String code = SentCodes.lastSmsTo(keycloak.awsFake(), person.number());

        Page refused = person.signIn().code(code.equals("000000") ? "111111" : "000000");

        assertThat(refused.errors()).contains("That code is not right.");
        assertThat(person.awaitError(keycloak, "invalid_user_credentials")).containsOnly("invalid_user_credentials");
    }

    @ParameterizedTest
    @EnumSource(Flow.class)
    void aLockedOutUserIsRefusedBeforeTheRightCodeIsChecked(Flow flow, PimKeycloak keycloak) throws Exception {
        try (AutoCloseable factorThree = BruteForce.lockoutAfter(keycloak.realm(), 3)) {
            Person person = Person.atChoice(keycloak, flow);
            person.send("sms");
            String code = SentCodes.lastSmsTo(keycloak.awsFake(), person.number());
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 1; i <= 3; i++) {
                person.signIn().code(wrong);
                BruteForce.awaitFailures(keycloak.realm(), person.user().id(), i);
            }
            BruteForce.awaitLockout(keycloak.realm(), person.user().id());

            Page refused = person.signIn().browser().submit("pim-phone-otp-code", Map.of("code", code), "verify");

            assertThat(refused.isCallback()).isFalse();
            assertThat(person.awaitError(keycloak, "user_temporarily_disabled"))
                    .containsOnly("user_temporarily_disabled", "invalid_user_credentials");
            assertThat(keycloak.realm().users().get(person.user().id()).credentials())
                    .filteredOn(credential -> "phone".equals(credential.getType()))
                    .hasSize(flow == Flow.SIGN_IN ? 1 : 0);
        } finally {
            keycloak.realm().attackDetection().clearAllBruteForce();
        }
    }
}
