package org.pimaccess.keycloak.sender.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSender;

class LogSenderFactoryTest {

    private static final PhoneMessage MESSAGE =
            new PhoneMessage("+12025550143", DeliveryMethod.SMS, "Your code is 123456\n@example.com #123456", "123456", Locale.ENGLISH);

    @TempDir
    Path dir;

    @AfterEach
    void clearProfile() {
        System.clearProperty("kc.profile");
    }

    @Test
    void inDevModeEachMessageIsAppendedToTheFileOnOneLine() throws Exception {
        System.setProperty("kc.profile", "dev");
        Path file = dir.resolve("codes/messages.tsv");
        PhoneMessageSender sender = senderWith(Map.of("file", file.toString()));

        String first = sender.send(MESSAGE);
        String second = sender.send(new PhoneMessage("+33612345678", DeliveryMethod.VOICE, "Code 654321", "654321", Locale.FRENCH));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split("\t"))
                .containsSubsequence(first, "sms", "+12025550143", "123456", "Your code is 123456\\n@example.com #123456");
        assertThat(lines.get(1).split("\t")).containsSubsequence(second, "voice", "+33612345678", "654321");
    }

    @Test
    void outsideDevModeItRefusesToSend() {
        System.setProperty("kc.profile", "prod");
        Path file = dir.resolve("messages.tsv");
        PhoneMessageSender sender = senderWith(Map.of("file", file.toString()));

        assertThatThrownBy(() -> sender.send(MESSAGE))
                .isInstanceOfSatisfying(PhoneMessageSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(PhoneMessageSendException.Reason.UNAVAILABLE));
        assertThat(file).doesNotExist();
    }

    @Test
    void outsideDevModeItSendsWhenExplicitlyAllowed() throws Exception {
        System.setProperty("kc.profile", "prod");
        Path file = dir.resolve("messages.tsv");
        PhoneMessageSender sender = senderWith(Map.of("file", file.toString(), "allow-production", "true"));

        sender.send(MESSAGE);

        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void anUnwritableFileIsAGatewayFailureNotACrash() throws Exception {
        System.setProperty("kc.profile", "dev");
        Path blocker = Files.createFile(dir.resolve("not-a-directory"));
        PhoneMessageSender sender = senderWith(Map.of("file", blocker.resolve("messages.tsv").toString()));

        assertThatThrownBy(() -> sender.send(MESSAGE))
                .isInstanceOfSatisfying(PhoneMessageSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(PhoneMessageSendException.Reason.UNAVAILABLE));
    }

    @Test
    void aMessagePrintsNeitherItsCodeNorItsNumber() {
        assertThat(MESSAGE.toString()).doesNotContain("123456").doesNotContain("2025550143");
    }

    private static PhoneMessageSender senderWith(Map<String, String> options) {
        LogSenderFactory factory = new LogSenderFactory();
        factory.init(new MapScope(options));
        return factory.create(null);
    }
}
