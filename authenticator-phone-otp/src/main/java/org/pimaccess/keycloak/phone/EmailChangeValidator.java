package org.pimaccess.keycloak.phone;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.AbstractKeycloakTransaction;
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
import org.pimaccess.keycloak.trust.TrustedBrowsers;

/**
 * User-profile validator {@value #ID} on attribute {@code email}: the reset link goes to the account's
 * address, so whoever holds only the password must not be able to change it.
 * <ul>
 *   <li>An account that has a phone changes its email only at the phone-OTP level: in a sign-in
 *   ({@code kc_action=UPDATE_PROFILE} or {@code UPDATE_EMAIL}) by the level this authentication reached,
 *   in the account console by the access token's {@code acr}; a level a trusted browser stood in for does not count
 *   ({@link TrustedBrowsers#signedInByTrust}).</li>
 *   <li>While a reset is pending ({@link PhoneReset#pending}), the person cannot change it at all.</li>
 *   <li>A realm admin (the admin console and REST API, context {@code USER_API}) always can.</li>
 * </ul>
 * The phone-OTP level is the client's ACR-to-LoA map's, else the realm's; where neither names
 * {@value PhoneOtp#ACR}, every sign-in passes the same steps, and the rule asks nothing more. A realm admin's
 * change is not refused, but the old address is told of it after commit (Keycloak's admin event does not
 * carry the old address). Only the contexts in which the person changes their own address are checked, so
 * registration and the identity-provider review page (which validate against a user without credentials) pass; an
 * identity provider's sync, which no validator sees, is held to the same rule by {@link #holdBrokeredChange}.
 * At start-up the validator is added to {@code email} in every realm's user profile that lacks it, so no realm
 * relies on an admin remembering it.
 */
public class EmailChangeValidator implements SimpleValidator {

    public static final String ID = "pim-email-change";
    static final String NEEDS_PHONE_OTP = "pimEmailChangeNeedsPhoneOtp";
    static final String RESET_PENDING = "pimEmailChangeResetPending";
    /** Where the person changes their own address: kc_action UPDATE_PROFILE or UPDATE_EMAIL, the account console. */
    private static final Set<UserProfileContext> BY_THE_PERSON =
            EnumSet.of(UserProfileContext.UPDATE_PROFILE, UserProfileContext.UPDATE_EMAIL, UserProfileContext.ACCOUNT);

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
        String typed = typed(input);
        if (user == null || !changes(user, typed)) {
            return context;
        }
        KeycloakSession session = context.getSession();
        if (attribute.getContext() == UserProfileContext.USER_API) {
            tellOldAddressOnceCommitted(session, user, typed);
            return context;
        }
        if (!BY_THE_PERSON.contains(attribute.getContext())) {
            return context;
        }
        String refusal = refusal(session, user);
        if (refusal != null) {
            context.addError(new ValidationError(ID, inputHint, refusal));
        }
        return context;
    }

    /**
     * An identity provider's mapper in sync mode FORCE writes the address straight into the account at a brokered
     * sign-in, past the user profile and so past this validator: someone who linked their own identity with a
     * person's password alone would move the address a reset link goes to. Called before that sign-in commits, this
     * holds the change to the same rule, and puts the committed address back when the rule refuses it.
     */
    public static void holdBrokeredChange(KeycloakSession session, RealmModel realm, UserModel user) {
        Optional<String> committed = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                fresh -> {
                    RealmModel same = fresh.realms().getRealm(realm.getId());
                    fresh.getContext().setRealm(same);
                    return Optional.ofNullable(fresh.users().getUserById(same, user.getId()))
                            .map(stored -> stored.getEmail() == null ? "" : stored.getEmail());
                });
        if (committed.isEmpty() || !changes(user, committed.get())) {
            return;
        }
        String refusal = refusal(session, user);
        if (refusal != null) {
            user.setEmail(committed.get().isEmpty() ? null : committed.get());
            LOG.warnf("A brokered sign-in of user %s would have changed their email address; it was kept (%s)",
                    user.getId(), refusal);
        }
    }

    /** Why the person may not change their own address now (a message key), or null when they may. */
    private static String refusal(KeycloakSession session, UserModel user) {
        if (PhoneReset.pending(user)) {
            return RESET_PENDING;
        }
        return PhoneCredentialModel.hasPhone(user) && !atPhoneOtpLevel(session) ? NEEDS_PHONE_OTP : null;
    }

    private static String typed(Object input) {
        return input instanceof List<?> values && !values.isEmpty() && values.get(0) != null
                ? values.get(0).toString().strip() : input instanceof String text ? text.strip() : "";
    }

    private static boolean changes(UserModel user, String typed) {
        String current = user.getEmail() == null ? "" : user.getEmail();
        return !current.equalsIgnoreCase(typed);
    }

    /**
     * A realm admin's change (admin console, admin REST API) emits no user event with the old address, so the
     * notice to it is sent from here: once per request, after the change is committed, and only if the account
     * then has the new address (a refused update sends nothing).
     */
    private static void tellOldAddressOnceCommitted(KeycloakSession session, UserModel user, String newEmail) {
        String once = ID + ".notice." + user.getId();
        if (session.getAttribute(once) != null) {
            return;
        }
        session.setAttribute(once, Boolean.TRUE);
        String oldEmail = user.getEmail();
        RealmModel realm = session.getContext().getRealm();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                if (newEmail.equalsIgnoreCase(user.getEmail())) {
                    PhoneNotice.emailChanged(session, realm, user, oldEmail, newEmail);
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private static boolean atPhoneOtpLevel(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (authSession != null) {
            Integer needed = phoneOtpLevel(authSession.getClient(), realm);
            return needed == null
                    || new AcrStore(session, authSession).getLevelOfAuthenticationFromCurrentAuthentication() >= needed
                    && !TrustedBrowsers.signedInByTrust(session, authSession);
        }
        if (session.getContext().getBearerToken() instanceof AccessToken token) {
            ClientModel client = token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
            Map<String, Integer> levels = client == null ? AcrUtils.getAcrLoaMap(realm) : AcrUtils.getAcrLoaMap(client);
            Integer needed = phoneOtpLevel(client, realm);
            Integer have = PhoneOtp.levelOf(token.getAcr(), levels);
            return needed == null || have != null && have >= needed && !TrustedBrowsers.signedInByTrust(session, null);
        }
        return false;
    }

    /**
     * The level of phone OTP for this client: its own ACR-to-LoA map's, else the realm's (a client map of its own
     * that lacks phone OTP must not switch the rule off).
     */
    private static Integer phoneOtpLevel(ClientModel client, RealmModel realm) {
        Integer level = client == null ? null : AcrUtils.getAcrLoaMap(client).get(PhoneOtp.ACR);
        return level != null ? level : AcrUtils.getAcrLoaMap(realm).get(PhoneOtp.ACR);
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
