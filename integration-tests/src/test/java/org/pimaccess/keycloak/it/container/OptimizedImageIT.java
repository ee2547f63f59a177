package org.pimaccess.keycloak.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Clients;
import org.pimaccess.keycloak.it.harness.Http;
import org.pimaccess.keycloak.it.harness.OrgAdminApi;
import org.pimaccess.keycloak.it.harness.OrgAdminApi.Answer;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PrometheusText;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.harness.Tokens;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/**
 * The pack in the image operators build: {@code Dockerfile} on the Keycloak base, {@code kc.sh build}
 * with its build-time options (PostgreSQL, health, metrics, features), then {@code start --optimized},
 * one container for the whole class (see {@link PackContainers}).
 */
class OptimizedImageIT {

    private static final HttpClient HTTP = Http.client();

    private static PackContainers containers;

    @BeforeAll
    static void startContainers() {
        containers = PackContainers.startOrSkip();
    }

    @AfterAll
    static void stopContainers() {
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void anApplicationAsksForPhoneOtpAndThePersonSignsInWithACodeFromTheLogSender() {
        TestUser person = TestUsers.withPhones(containers.realm(), 1);

        SignIn signIn = phoneOtp(person);

        Map<String, Object> idToken = signIn.idToken(Clients.ORG_ADMIN_CALLER, null);
        assertThat(idToken).containsEntry("acr", "phone-otp").containsEntry("preferred_username", person.username());
    }

    @Test
    void healthAndThePacksMetricsAnswerOnTheManagementPortAndNotOnThePublicOne() {
        phoneOtp(TestUsers.withPhones(containers.realm(), 1));

        assertThat(get(containers.managementUrl().resolve("/health/ready")))
                .satisfies(answer -> assertThat(answer.statusCode()).isEqualTo(200))
                .satisfies(answer -> assertThat(answer.body()).contains("\"status\": \"UP\""));
        HttpResponse<String> metrics = get(containers.managementUrl().resolve("/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        PrometheusText samples = new PrometheusText(metrics.body());
        assertThat(samples.value("pim_phone_messages_total", Map.of("sender", "log", "method", "sms", "outcome", "sent")))
                .isGreaterThanOrEqualTo(1);
        assertThat(samples.value("pim_phone_code_checks_total", Map.of("flow", "sign_in", "outcome", "valid")))
                .isGreaterThanOrEqualTo(1);
        assertThat(get(containers.baseUrl().resolve("/metrics")).statusCode()).isEqualTo(404);
        assertThat(get(containers.baseUrl().resolve("/health/ready")).statusCode()).isEqualTo(404);
    }

    @Test
    void theFirstMemberOfAnOrganizationListsItsMembersThroughTheOrgAdminApiWithAPhoneOtpToken() {
        Orgs orgs = new Orgs(containers.realm());
        String organization = orgs.create(Orgs.uniqueName("container"));
        TestUser admin = TestUsers.withPhones(containers.realm(), 1);
        orgs.addMember(organization, admin.id());
        String token = (String) phoneOtp(admin).tokens(Clients.ORG_ADMIN_CALLER, null).get("access_token");
        assertThat(Tokens.claims(token)).containsEntry("acr", "phone-otp");

        OrgAdminApi api = new OrgAdminApi(containers.baseUrl());
        Answer members = api.get("organizations/" + organization + "/members", token);

        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        assertThat(members.json().findValuesAsText("username")).containsExactly(admin.username());
        assertThat(api.get("organizations/" + organization + "/members", null).status()).isEqualTo(401);
    }

    /**
     * A sign-in through a test client that asks for {@code acr_values=phone-otp} (with the client scope of the
     * org-admin API): the password, Send by SMS to the first phone, the code the log sender wrote.
     */
    private static SignIn phoneOtp(TestUser person) {
        SignIn signIn = new SignIn(containers.baseUrl());
        signIn.open(Clients.orgAdminCaller(containers.realm()), "phone-otp");
        Page select = signIn.password(person.username(), TestUsers.PASSWORD);
        assertThat(select.hasForm("pim-phone-otp-select")).as(select.text()).isTrue();
        signIn.send(select.phoneIds().get(0), "sms");
        Page callback = signIn.code(containers.lastSmsCodeTo(person.phone()));
        assertThat(callback.isCallback()).as(callback.text()).isTrue();
        return signIn;
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
