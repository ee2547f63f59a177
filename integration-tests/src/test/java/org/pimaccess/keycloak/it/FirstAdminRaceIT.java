package org.pimaccess.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Orgs;
import org.pimaccess.keycloak.it.harness.PimKeycloak;
import org.pimaccess.keycloak.it.harness.PimKeycloakTest;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.Person;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;

/** Many people joining an organization that has no admin at the same moment: exactly one becomes it. */
@PimKeycloakTest
class FirstAdminRaceIT {

    private static final int JOINERS = 10;
    private static final int ROUNDS = 5;

    @Test
    void tenInviteesRegisteringAtOnceIntoAnAdminlessOrganizationMakeExactlyOneAdmin(PimKeycloak keycloak) throws Exception {
        Orgs orgs = new Orgs(keycloak);
        ExecutorService threads = Executors.newFixedThreadPool(JOINERS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                String organization = orgs.create(Orgs.uniqueName("Race " + round));
                List<SignIn> onRegistrationPage = new ArrayList<>();
                List<Person> people = new ArrayList<>();
                for (int i = 0; i < JOINERS; i++) {
                    Person person = TestUsers.newPerson();
                    try (Response invited = orgs.get(organization).members()
                            .inviteUser(person.email(), person.firstName(), person.lastName())) {
                        assertThat(invited.getStatus()).isEqualTo(204);
                    }
                    SignIn signIn = new SignIn(keycloak.baseUrl());
                    Page form = signIn.browser().get(URI.create(keycloak.mailbox().linkTo(person.email(), "token=")));
                    assertThat(form.hasForm("kc-register-form")).as(form.text()).isTrue();
                    assertThat(form.document().getElementById("organizationName")).isNull();
                    onRegistrationPage.add(signIn);
                    people.add(person);
                }

                CountDownLatch go = new CountDownLatch(1);
                List<Future<Page>> submitted = new ArrayList<>();
                for (int i = 0; i < JOINERS; i++) {
                    SignIn signIn = onRegistrationPage.get(i);
                    Person person = people.get(i);
                    submitted.add(threads.submit(() -> {
                        go.await();
                        return signIn.register(person.registrationFields());
                    }));
                }
                go.countDown();
                for (Future<Page> result : submitted) {
                    Page next = result.get(5, TimeUnit.MINUTES);
                    assertThat(next.hasForm("pim-phone-register")).as("round " + round + ": " + next.text()).isTrue();
                }

                assertThat(orgs.members(organization)).as("round " + round).hasSize(JOINERS);
                assertThat(orgs.adminIds(organization)).as("admins after round " + round).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
