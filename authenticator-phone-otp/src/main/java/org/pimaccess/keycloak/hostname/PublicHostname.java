package org.pimaccess.keycloak.hostname;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Whether the hosts the pack puts into messages (phone-reset and invitation links, the Web OTP
 * {@code @host} line of an SMS) may come from Keycloak's frontend URL. They may when that URL is fixed:
 * the server option {@code hostname} is set, or the realm has a Frontend URL. Otherwise (for example
 * {@code hostname-strict=false} without {@code hostname}) Keycloak builds it from the request's
 * {@code Host} or {@code X-Forwarded-Host}, which whoever sends the request chooses, and a mail or SMS
 * would carry a host an outsider picked. Then the pack sends no link and no host at all.
 */
public final class PublicHostname {

    private static final Logger LOG = Logger.getLogger(PublicHostname.class);
    private static final String OPTION = "kc.hostname";
    private static final String REALM_FRONTEND_URL = "frontendUrl";

    private PublicHostname() {
    }

    /** True when links built from {@code session.getContext().getUri()} carry a host the operator set. */
    public static boolean fixed(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        String frontendUrl = realm == null ? null : realm.getAttribute(REALM_FRONTEND_URL);
        return (frontendUrl != null && !frontendUrl.isBlank()) || ServerOption.SET;
    }

    private static final class ServerOption {
        static final boolean SET = read();

        private static boolean read() {
            try {
                boolean set = ConfigProvider.getConfig().getOptionalValue(OPTION, String.class)
                        .filter(value -> !value.isBlank()).isPresent();
                if (!set) {
                    LOG.warn("Keycloak runs without the option hostname: realms without a Frontend URL get no phone-reset "
                            + "or invitation links and no Web OTP line, since their host would come from the request");
                }
                return set;
            } catch (RuntimeException noConfiguration) {
                LOG.warnf("Cannot read Keycloak's option hostname (%s): links are sent only for realms with a Frontend URL",
                        noConfiguration.toString());
                return false;
            }
        }
    }
}
