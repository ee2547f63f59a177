package org.pimaccess.keycloak.it.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/** What the container tests ask of the machine's Docker engine, and how they publish ports on it. */
final class ContainerEngine {

    private ContainerEngine() {
    }

    /**
     * Returns when a Docker engine answers and has these images (those named {@code local/...} are
     * built by {@code container/build-local-images.sh}; others may be pulled). Otherwise the test
     * class is skipped with a message saying what to run, and where {@code CI} is set it fails instead.
     */
    static void requireWith(String... images) {
        unavailable(images).ifPresent(reason -> {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the container tests, but " + reason);
            }
            Assumptions.abort("Container tests skipped: " + reason);
        });
    }

    private static Optional<String> unavailable(String... images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.of("no Docker engine answers (install docker.io and start dockerd; see the README, "
                    + "\"Run it in containers\")");
        }
        return Arrays.stream(images).filter(image -> image.startsWith("local/")).filter(image -> !present(image))
                .findFirst().map(image -> "the image " + image + " is missing (run container/build-local-images.sh)");
    }

    private static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Starts the container; when it does not come up, prints its log first (Testcontainers logs through
     * SLF4J, which has no binding here) and stops it.
     */
    static void start(GenericContainer<?> container) {
        try {
            container.start();
        } catch (RuntimeException e) {
            if (container.getContainerId() != null) {
                try {
                    System.out.println(container.getDockerImageName() + " log:\n" + container.getLogs());
                } catch (RuntimeException logsGone) {
                    e.addSuppressed(logsGone);
                }
            }
            container.stop();
            throw e;
        }
    }

    /** Docker would publish on every address of the host; the tests reach containers on loopback only. */
    static void publishOnLoopbackOnly(CreateContainerCmd create) {
        Ports ports = new Ports();
        Arrays.stream(create.getExposedPorts()).forEach(port -> ports.bind(port, Ports.Binding.bindIp("127.0.0.1")));
        create.getHostConfig().withPortBindings(ports);
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run through Maven (failsafe sets it)");
        }
        return value;
    }

    /** A file named by a system property that failsafe sets. */
    static Path file(String name) {
        Path file = Path.of(property(name));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(name + " names no file: " + file);
        }
        return file;
    }
}
