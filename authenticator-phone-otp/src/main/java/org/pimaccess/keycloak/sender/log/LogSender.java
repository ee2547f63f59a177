package org.pimaccess.keycloak.sender.log;

import java.io.IOException;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.pimaccess.keycloak.sender.PhoneMessage;
import org.pimaccess.keycloak.sender.PhoneMessageSendException;
import org.pimaccess.keycloak.sender.PhoneMessageSender;

/** The one place, by design, where a code and a full number reach a log. */
class LogSender implements PhoneMessageSender {

    private static final Logger LOG = Logger.getLogger(LogSender.class);

    private final boolean enabled;
    private final MessageFile file;

    LogSender(boolean enabled, MessageFile file) {
        this.enabled = enabled;
        this.file = file;
    }

    @Override
    public String send(PhoneMessage message) throws PhoneMessageSendException {
        if (!enabled) {
            throw new PhoneMessageSendException(PhoneMessageSendException.Reason.UNAVAILABLE,
                    "the 'log' phone message sender is off outside dev mode");
        }
        String id = UUID.randomUUID().toString();
        LOG.infof("[%s] %s to %s: %s", id, message.method().formValue(), message.phoneNumber(), message.text());
        if (file != null) {
            try {
                file.append(id, message);
            } catch (IOException e) {
                throw new PhoneMessageSendException(PhoneMessageSendException.Reason.UNAVAILABLE,
                        "cannot append to the phone message file " + file.path(), e);
            }
        }
        return id;
    }
}
