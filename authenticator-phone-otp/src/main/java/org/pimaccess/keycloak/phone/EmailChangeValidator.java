package org.pimaccess.keycloak.phone;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@value #ID} on attribute {@code email}: the reset link goes to the account's
 * address, so whoever holds only the password must not be able to change it.
 * <ul>
 *   <li>An account that has a phone changes its email only at the phone-OTP level: in a sign-in
 *   ({@code kc_action=UPDATE_PROFILE} or {@code UPDATE_EMAIL}) by the level this authentication reached,
 *   in the account console by the access token's {@code acr}.</li>
 *   <li>While a reset is pending ({@link PhoneReset#pending}), the person cannot change it at all.</li>
 *   <li>A realm admin (the admin console and REST API, context {@code USER_API}) always can.</li>
 * </ul>
 * Where the client's ACR-to-LoA map has no {@value PhoneOtp#ACR} level, every sign-in passes the same
 * steps, and the rule asks nothing more. At start-up the validator is added to {@code email} in every
 * realm's user profile that lacks it, so no realm relies on an admin remembering it.
 */
public class EmailChangeValidator implements SimpleValidator {

    public static final String ID = "pim-email-change";
    static final String NEEDS_PHONE_OTP = "pimEmailChangeNeedsPhoneOtp";
    static final String RESET_PENDING = "pimEmailChangeResetPending";

    private static final Logger LOG = Logger.getLogger(EmailChangeValidator.class);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!(context instanceof UserProfileAttributeValidationContext profile)) {
            return context;
        }
        AttributeContext attribute = profile.getAttributeContext();
        UserModel user = attribute.getUser();
        if (user == null || attribute.getContext() == UserProfileContext.USER_API || !changes(user, input)) {
            return context;
        }
        KeycloakSession session = context.getSession();
        if (PhoneReset.pending(user)) {
            context.addError(new ValidationError(ID, inputHint, RESET_PENDING));
        } else if (PhoneCredentialModel.hasPhone(user) && !atPhoneOtpLevel(session)) {
            context.addError(new ValidationError(ID, inputHint, NEEDS_PHONE_OTP));
        }
        return context;
    }

    private static boolean changes(UserModel user, Object input) {
        String typed = input instanceof List<?> values && !values.isEmpty() && values.get(0) != null
                ? values.get(0).toString().strip() : input instanceof String text ? text.strip() : "";
        String current = user.getEmail() == null ? "" : user.getEmail();
        return !current.equalsIgnoreCase(typed);
    }

    private static boolean atPhoneOtpLevel(KeycloakSession session) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (authSession != null) {
            Integer needed = AcrUtils.getAcrLoaMap(authSession.getClient()).get(PhoneOtp.ACR);
            return needed == null
                    || new AcrStore(session, authSession).getLevelOfAuthenticationFromCurrentAuthentication() >= needed;
        }
        if (session.getContext().getBearerToken() instanceof AccessToken token) {
            RealmModel realm = session.getContext().getRealm();
            ClientModel client = token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
            Map<String, Integer> levels = client == null ? AcrUtils.getAcrLoaMap(realm) : AcrUtils.getAcrLoaMap(client);
            Integer needed = levels.get(PhoneOtp.ACR);
            Integer have = PhoneOtp.levelOf(token.getAcr(), levels);
            return needed == null || have != null && have >= needed;
        }
        return false;
    }


    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, EmailChangeValidator::addToEveryRealm);
            }
        });
    }

    private static void addToEveryRealm(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(realm -> {
            session.getContext().setRealm(realm);
            UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
            UPConfig config = profiles.getConfiguration();
            UPAttribute email = config.getAttribute(UserModel.EMAIL);
            if (email != null && (email.getValidations() == null || !email.getValidations().containsKey(ID))) {
                email.addValidation(ID, Map.of());
                profiles.setConfiguration(config);
                LOG.infof("Added validator %s to the email attribute of realm %s", ID, realm.getName());
            }
        });
    }
}
