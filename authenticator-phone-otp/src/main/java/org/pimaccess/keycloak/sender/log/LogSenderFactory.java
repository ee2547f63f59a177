package org.pimaccess.keycloak.sender.log;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.phone.DeliveryMethod;
import org.pimaccess.keycloak.sender.CallLimit;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.PhoneMessageSenderFactory;

/**
 * Sender {@value #PROVIDER_ID}: for local development. It writes each message to the server log and, when
 * {@code file} is set, appends it to that file. Outside dev mode it refuses to send unless
 * {@code allow-production} is true, because it puts codes and phone numbers in clear text.
 */
public class LogSenderFactory implements PhoneMessageSenderFactory {

    public static final String PROVIDER_ID = "log";
    static final String FILE = "file";
    static final String ALLOW_PRODUCTION = "allow-production";

    private static final Logger LOG = Logger.getLogger(LogSenderFactory.class);

    private MessageFile file;
    private boolean enabled;
    private CallLimit callLimit;

    @Override
    public PhoneMessageSender create(KeycloakSession session) {
        return new LogSender(enabled, file);
    }

    @Override
    public void init(Config.Scope config) {
        String path = config.get(FILE);
        file = path == null || path.isBlank() ? null : new MessageFile(Path.of(path), Clock.systemUTC());
        enabled = isDevMode() || config.getBoolean(ALLOW_PRODUCTION, false);
        callLimit = CallLimit.from(config);
        if (!enabled) {
            LOG.infof("Phone message sender '%s' is off: the server is not in dev mode and '%s' is not set", PROVIDER_ID, ALLOW_PRODUCTION);
        }
    }

    /** Keycloak's Quarkus launcher marks {@code kc.sh start-dev} with this system property. */
    static boolean isDevMode() {
        return "dev".equals(System.getProperty("kc.profile"));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Set<DeliveryMethod> supportedMethods() {
        return EnumSet.allOf(DeliveryMethod.class);
    }

    @Override
    public CallLimit callLimit() {
        return callLimit;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return CallLimit.addOption(ProviderConfigurationBuilder.create())
                .property().name(FILE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Also append every message, with its code and full number, to this file.")
                .add()
                .property().name(ALLOW_PRODUCTION).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Let this sender run outside dev mode. It writes codes and phone numbers in clear text: only for test systems.")
                .add()
                .build();
    }
}
