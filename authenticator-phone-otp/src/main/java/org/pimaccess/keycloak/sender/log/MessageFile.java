package org.pimaccess.keycloak.sender.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

import org.pimaccess.keycloak.sender.PhoneMessage;

/**
 * Appends one tab-separated line per message: time, id, method, number, code, text (line breaks escaped).
 * Several requests may send at once, so appends are serialized.
 */
final class MessageFile {

    private final Path path;
    private final Clock clock;

    MessageFile(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    Path path() {
        return path;
    }

    synchronized void append(String id, PhoneMessage message) throws IOException {
        String line = String.join("\t",
                clock.instant().toString(),
                id,
                message.method().formValue(),
                message.phoneNumber(),
                message.code(),
                message.text().replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")) + "\n";
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
