package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.PrometheusText;
import org.pimaccess.keycloak.it.harness.SentCodes;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * Keycloak serves the pack's meters at {@code /metrics} on its management port: each journey below moves
 * exactly its counters, by exactly one, and the whole text names no person, number or code.
 */
@PimKeycloakTest
class MetricsIT {

    private static final Map<String, String> SNS_SMS = Map.of("sender", "aws-sns", "method", "sms");

    private PimKeycloak keycloak;
    private final List<String> secrets = new ArrayList<>();

    @AfterEach
    void gatewayBackToNormal() {
        if (keycloak != null) {
            keycloak.awsFake().answerNormally();
        }
    }

    @Test
    void eachJourneyMovesItsCountersByOneAndTheTextNamesNoPersonNumberOrCode(PimKeycloak keycloak) {
        this.keycloak = keycloak;

        PrometheusText before = metrics();
        TestUser user = TestUsers.withPhones(keycloak, 1);
        remember(user);
        SignIn signIn = new SignIn(keycloak.baseUrl());
        signIn.open("pim");
        signIn.send(signIn.password(user.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        String code = SentCodes.lastSmsTo(keycloak.awsFake(), user.phone());
        secrets.add(code);
        assertThat(signIn.code(code).isCallback()).isTrue();
        PrometheusText after = metrics();
        assertThat(delta(before, after, "pim_phone_messages_total", with(SNS_SMS, "outcome", "sent"))).isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_gateway_seconds_count", SNS_SMS)).isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_code_checks_total", Map.of("flow", "sign_in", "outcome", "valid"))).isEqualTo(1);

        before = after;
        TestUser resender = TestUsers.withPhones(keycloak, 1);
        remember(resender);
        SignIn resend = new SignIn(keycloak.baseUrl());
        resend.open("pim");
        resend.send(resend.password(resender.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        String firstCode = SentCodes.lastSmsTo(keycloak.awsFake(), resender.phone());
        secrets.add(firstCode);
        assertThat(resend.resend().errors()).contains("Please wait");
        after = metrics();
        assertThat(delta(before, after, "pim_phone_sends_refused_total", Map.of("reason", "cooldown"))).isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_sends_refused_total", Map.of())).isEqualTo(1);

        before = after;
        assertThat(resend.code(firstCode.equals("000000") ? "111111" : "000000").errors()).contains("That code is not right.");
        after = metrics();
        assertThat(delta(before, after, "pim_phone_code_checks_total", Map.of("flow", "sign_in", "outcome", "wrong"))).isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_code_checks_total", Map.of())).isEqualTo(1);

        before = after;
        keycloak.awsFake().snsFailsWith500();
        TestUser unlucky = TestUsers.withPhones(keycloak, 1);
        remember(unlucky);
        SignIn failing = new SignIn(keycloak.baseUrl());
        failing.open("pim");
        Page failed = failing.send(failing.password(unlucky.username(), TestUsers.PASSWORD).phoneIds().get(0), "sms");
        keycloak.awsFake().answerNormally();
        assertThat(failed.hasForm("pim-phone-otp-code")).isFalse();
        after = metrics();
        assertThat(delta(before, after, "pim_phone_messages_total", with(SNS_SMS, "outcome", "unavailable"))).isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_messages_total", with(SNS_SMS, "outcome", "sent"))).isZero();
        assertThat(delta(before, after, "pim_phone_gateway_seconds_count", SNS_SMS)).isEqualTo(1);

        before = after;
        TestUser newcomer = TestUsers.withoutPhone(keycloak);
        remember(newcomer);
        String number = TestUsers.newPhoneNumber();
        secrets.add(number);
        SignIn registration = new SignIn(keycloak.baseUrl());
        registration.open("pim");
        registration.password(newcomer.username(), TestUsers.PASSWORD);
        registration.registerPhone(number, null, "", "sms");
        String registrationCode = SentCodes.lastSmsTo(keycloak.awsFake(), number);
        secrets.add(registrationCode);
        assertThat(registration.code(registrationCode).isCallback()).isTrue();
        after = metrics();
        assertThat(delta(before, after, "pim_phones_total", Map.of("change", "added"))).isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_code_checks_total", Map.of("flow", "registration", "outcome", "valid")))
                .isEqualTo(1);
        assertThat(delta(before, after, "pim_phone_messages_total", with(SNS_SMS, "outcome", "sent"))).isEqualTo(1);

        before = after;
        Orgs orgs = new Orgs(keycloak);
        String organization = orgs.create(Orgs.uniqueName("metrics"));
        TestUser founder = TestUsers.withPhones(keycloak, 1);
        remember(founder);
        orgs.addMember(organization, founder.id());
        TestUser colleague = TestUsers.withPhones(keycloak, 1);
        remember(colleague);
        orgs.addMember(organization, colleague.id());
        after = metrics();
        assertThat(orgs.adminIds(organization)).containsExactly(founder.id());
        assertThat(delta(before, after, "pim_org_first_admin_total", Map.of())).isEqualTo(1);

        String text = after.text();
        assertThat(secrets).allSatisfy(secret -> assertThat(text).doesNotContain(secret));
        assertThat(text).doesNotContain(user.phone().substring(1)).doesNotContain(number.substring(1));
    }

    private PrometheusText metrics() {
        return new PrometheusText(keycloak.metrics());
    }

    private void remember(TestUser user) {
        secrets.add(user.username());
        secrets.add(user.id());
        secrets.addAll(user.phones());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(name, value);
        return all;
    }
}
