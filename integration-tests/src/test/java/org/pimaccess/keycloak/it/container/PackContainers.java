package org.pimaccess.keycloak.it.container;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.pimaccess.keycloak.it.harness.Poll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Keycloak with the pack the way operators run it: the repository's {@code Dockerfile} built on the
 * base image ({@code kc.sh build} with its build-time options), started by testcontainers-keycloak with
 * {@code start --optimized} on PostgreSQL, the realm imported, the {@code log} sender writing codes to a
 * file in the container. Both containers sit on a network of their own; only Keycloak's ports are
 * published, on 127.0.0.1. Without Ryuk, {@link #close()} stops everything it started.
 */
final class PackContainers implements AutoCloseable {

    static final String PHONE_MESSAGES = "/opt/keycloak/data/phone-messages.tsv";
    private static final String DB_PASSWORD = "keycloak-it";

    private final Network network;
    private final GenericContainer<?> postgres;
    private final KeycloakContainer keycloak;
    private Keycloak admin;

    private PackContainers(Network network, GenericContainer<?> postgres, KeycloakContainer keycloak) {
        this.network = network;
        this.postgres = postgres;
        this.keycloak = keycloak;
    }

    /**
     * Builds the image and starts both containers; without a Docker engine or the base images the test
     * class is skipped with a message saying what to run, and where {@code CI} is set it fails instead.
     */
    static PackContainers startOrSkip() {
        String keycloakBase = ContainerEngine.property("pim.container.keycloak-image");
        String postgresImage = ContainerEngine.property("pim.container.postgres-image");
        ContainerEngine.requireWith(keycloakBase, postgresImage);

        Network network = Network.newNetwork();
        GenericContainer<?> postgres = new GenericContainer<>(DockerImageName.parse(postgresImage))
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                .withNetwork(network)
                .withNetworkAliases("postgres")
                .withEnv("POSTGRES_USER", "keycloak")
                .withEnv("POSTGRES_PASSWORD", DB_PASSWORD)
                .withEnv("POSTGRES_DB", "keycloak")
                .waitingFor(Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U keycloak")
                        .withStartupTimeout(Duration.ofMinutes(2)));
        KeycloakContainer keycloak = new KeycloakContainer(optimizedImage(keycloakBase))
                .withOptimizedFlag()
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                .withNetwork(network)
                .withEnv("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak")
                .withEnv("KC_DB_USERNAME", "keycloak")
                .withEnv("KC_DB_PASSWORD", DB_PASSWORD)
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("KC_HOSTNAME_STRICT", "false")
                .withEnv("KC_SPI_PHONE_MESSAGE_SENDER__LOG__FILE", PHONE_MESSAGES)
                .withEnv("KC_SPI_PHONE_MESSAGE_SENDER__LOG__ALLOW_PRODUCTION", "true")
                .withCopyFileToContainer(MountableFile.forHostPath(ContainerEngine.file("pim.realm.export"), 0644),
                        "/opt/keycloak/data/import/realm-export.json")
                .withStartupTimeout(Duration.ofMinutes(5))
                .withCreateContainerCmdModifier(ContainerEngine::publishOnLoopbackOnly);
        PackContainers containers = new PackContainers(network, postgres, keycloak);
        try {
            ContainerEngine.start(postgres);
            ContainerEngine.start(keycloak);
            System.out.println("Keycloak (optimized image) is up at " + containers.baseUrl()
                    + ", management at " + containers.managementUrl());
            return containers;
        } catch (RuntimeException e) {
            containers.close();
            throw e;
        }
    }

    /** The repository's Dockerfile, on this base, with the JAR this build made: {@code kc.sh build} runs here. */
    private static String optimizedImage(String keycloakBase) {
        Path pack = ContainerEngine.file("pim.container.pack-jar");
        return new ImageFromDockerfile()
                .withFileFromPath("Dockerfile", ContainerEngine.file("pim.container.dockerfile"))
                .withFileFromPath("dist/target/" + pack.getFileName(), pack)
                .withBuildArg("KEYCLOAK_IMAGE", keycloakBase)
                .get();
    }

    URI baseUrl() {
        return URI.create(keycloak.getAuthServerUrl());
    }

    URI managementUrl() {
        return URI.create(keycloak.getMgmtServerUrl());
    }

    synchronized RealmResource realm() {
        if (admin == null) {
            admin = keycloak.getKeycloakAdminClient();
        }
        return admin.realm("pim");
    }

    /** The code of the last SMS to this number, from the {@code log} sender's file inside the container. */
    String lastSmsCodeTo(String phoneNumber) {
        // Columns: time, message id, method, number, code, text.
        return Poll.until(Duration.ofSeconds(20), () -> lastLine(phoneNumber), found -> found != null,
                "an SMS to " + phoneNumber + " in " + PHONE_MESSAGES)[4];
    }

    private String[] lastLine(String phoneNumber) {
        try {
            ExecResult cat = keycloak.execInContainer("cat", PHONE_MESSAGES);
            List<String[]> sms = cat.getStdout().lines().map(line -> line.split("\t"))
                    .filter(fields -> fields.length >= 6 && "sms".equals(fields[2]) && phoneNumber.equals(fields[3]))
                    .toList();
            return sms.isEmpty() ? null : sms.get(sms.size() - 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        keycloak.stop();
        postgres.stop();
        network.close();
        // Without Ryuk nothing removes the image built for this run; with vfs it costs its full size on disk.
        DockerClientFactory.instance().client().removeImageCmd(keycloak.getDockerImageName()).withForce(true).exec();
    }
}
