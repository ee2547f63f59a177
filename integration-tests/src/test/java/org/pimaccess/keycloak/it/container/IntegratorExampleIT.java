package org.pimaccess.keycloak.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.it.harness.Poll;
import org.pimaccess.keycloak.it.harness.TestUsers;
import org.pimaccess.keycloak.it.harness.TestUsers.TestUser;
import org.pimaccess.keycloak.it.pages.Page;
import org.pimaccess.keycloak.it.pages.SignIn;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.utility.MountableFile;

/**
 * The README's example for applications built on the pack: Keycloak with the pack's JAR and realm in
 * one statement of testcontainers-keycloak (stock image, dev mode, no Dockerfile), and a sign-in that
 * asks for {@code acr_values=phone-otp}. Only the image name, the loopback ports and the skip are this
 * build's own.
 */
class IntegratorExampleIT {

    private static final String CODES = "/opt/keycloak/data/phone-messages.tsv";

    private static KeycloakContainer keycloak;

    @BeforeAll
    static void startKeycloakWithThePack() {
        String image = ContainerEngine.property("pim.container.keycloak-image");
        ContainerEngine.requireWith(image);
        keycloak = new KeycloakContainer(image)
                .withProviderLibsFrom(List.of(ContainerEngine.file("pim.container.pack-jar").toFile()))
                .withCopyFileToContainer(MountableFile.forHostPath(ContainerEngine.file("pim.realm.export"), 0644),
                        "/opt/keycloak/data/import/realm-export.json")
                .withEnv("KC_SPI_PHONE_MESSAGE_SENDER__LOG__FILE", CODES)
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                // Dev mode builds on every start: on a busy 2-core machine that alone takes minutes.
                .withStartupTimeout(Duration.ofMinutes(8))
                .withCreateContainerCmdModifier(ContainerEngine::publishOnLoopbackOnly);
        ContainerEngine.start(keycloak);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void anApplicationAsksForPhoneOtpAndGetsATokenWithThatAcr() {
        TestUser person = TestUsers.withPhones(keycloak.getKeycloakAdminClient().realm("pim"), 1);
        SignIn signIn = new SignIn(URI.create(keycloak.getAuthServerUrl()));
        signIn.open("pim", "phone-otp");

        Page select = signIn.password(person.username(), TestUsers.PASSWORD);
        signIn.send(select.phoneIds().get(0), "sms");
        signIn.code(codeSentTo(person.phone()));

        Map<String, Object> idToken = signIn.idToken("pim", SignIn.PIM_SECRET);
        assertThat(idToken).containsEntry("acr", "phone-otp");
    }

    /** The log sender's file: time, id, method, number, code, text per line. */
    private static String codeSentTo(String phoneNumber) {
        String line = Poll.until(Duration.ofSeconds(20), () -> lastLineFor(phoneNumber), found -> found != null,
                "a code to " + phoneNumber + " in " + CODES);
        return line.split("\t")[4];
    }

    private static String lastLineFor(String phoneNumber) {
        try {
            return keycloak.execInContainer("cat", CODES).getStdout().lines()
                    .filter(line -> line.contains("\t" + phoneNumber + "\t")).reduce((first, second) -> second).orElse(null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
