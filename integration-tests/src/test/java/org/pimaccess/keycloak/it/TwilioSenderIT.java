package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pimaccess.keycloak.it.harness.LoginErrors;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.TwilioFake;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** Sender {@code twilio} against a WireMock stand-in for Twilio's REST API. */
@PimKeycloakTest
class TwilioSenderIT {

    private static final String BASIC_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (TwilioFake.ACCOUNT_SID + ":" + TwilioFake.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    private static final Pattern SPOKEN_CODE = Pattern.compile("(\\d(?:, \\d){5,9})");

    private PimKeycloak keycloak;
    private AutoCloseable twilioForBoth;

    @BeforeEach
    void bothMethodsThroughTwilio(PimKeycloak keycloak) {
        this.keycloak = keycloak;
        keycloak.twilioFake().answerNormally();
        twilioForBoth = keycloak.phoneOtpSettings().change(Map.of("sms-sender", "twilio", "voice-sender", "twilio"));
    }

    @AfterEach
    void backToNormal() throws Exception {
        twilioForBoth.close();
        keycloak.twilioFake().answerNormally();
    }

    @Test
    void anSmsGoesToTheMessagesApiWithBasicAuthAndItsCodeSignsIn() {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page codePage = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(codePage.hasForm("pim-phone-otp-code")).isTrue();
        List<TwilioFake.Received> received = keycloak.twilioFake().receivedFor(user.phone());
        assertThat(received).hasSize(1);
        TwilioFake.Received message = received.get(0);
        assertThat(message.path()).isEqualTo(TwilioFake.MESSAGES);
        assertThat(message.authorization()).isEqualTo(BASIC_AUTH);
        assertThat(message.form()).containsOnlyKeys("To", "From", "Body").containsEntry("From", TwilioFake.FROM);
        assertThat(signIn.code(SentCodes.fromSms(message.form().get("Body"))).isCallback()).isTrue();
        assertThat(signIn.idToken("pim", SignIn.PIM_SECRET)).containsEntry("acr", "phone-otp");
    }

    @Test
    void aVoiceCodeIsACallWhoseTwimlReadsTheDigitsTwiceInThePersonsLanguage() {
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page codePage = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "voice");

        assertThat(codePage.hasForm("pim-phone-otp-code")).isTrue();
        TwilioFake.Received call = keycloak.twilioFake().receivedFor(user.phone()).get(0);
        assertThat(call.path()).isEqualTo(TwilioFake.CALLS);
        assertThat(call.authorization()).isEqualTo(BASIC_AUTH);
        assertThat(call.form()).containsOnlyKeys("To", "From", "Twiml").containsEntry("From", TwilioFake.FROM);
        String twiml = call.form().get("Twiml");
        assertThat(twiml).startsWith("<Response><Say language=\"en-US\">").endsWith("</Say></Response>");
        List<String> spoken = SPOKEN_CODE.matcher(twiml).results().map(m -> m.group(1)).toList();
        assertThat(spoken).hasSize(2);
        assertThat(spoken.get(1)).isEqualTo(spoken.get(0));
        assertThat(signIn.code(spoken.get(0).replace(", ", "")).isCallback()).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0} with Twilio error {1} reads \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "400 | 21211 | This phone number cannot receive our messages. | phone_message_invalid_number",
            "400 | 21614 | This phone number cannot receive our messages. | phone_message_invalid_number",
            "400 | 21610 | This phone has opted out of our messages.      | phone_message_opted_out",
            "429 | 20429 | The messaging service is busy.                 | phone_message_throttled",
            "503 | 20503 | The messaging service is not available.        | phone_message_unavailable"})
    void twilioErrorsBecomeTheirReasonsOnThePageAndInTheEvent(int status, int code, String message, String eventError) {
        keycloak.twilioFake().failWith(status, code, "Twilio says no");
        TestUser user = TestUsers.withPhones(keycloak, 1);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");

        Page refused = signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.errors()).contains(message);
        assertThat(refused.hasForm("pim-phone-otp-select")).isTrue();
        assertThat(keycloak.twilioFake().receivedFor(user.phone())).hasSize(1);
        assertThat(LoginErrors.await(keycloak, user.id(), eventError).getDetails())
                .containsEntry("phone_senders_failed", "twilio:" + eventError);
    }
}
