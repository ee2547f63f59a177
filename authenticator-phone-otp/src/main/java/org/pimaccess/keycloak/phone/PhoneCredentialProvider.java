package org.pimaccess.keycloak.phone;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.ModelValidationException;
import org.pimaccess.keycloak.metrics.PhoneMetrics;

/** Stores and reads phone credentials; codes are checked by the authenticator, not here. */
public class PhoneCredentialProvider implements CredentialProvider<PhoneCredentialModel> {

    private final KeycloakSession session;

    public PhoneCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return PhoneCredentialModel.TYPE;
    }

    /**
     * Stores the phone in canonical form, whatever the caller sent (the admin API passes raw JSON):
     * a valid E.164 number, the methods its type can take (a fixed line: voice only), and a display
     * label that shows the number masked only, because Keycloak copies the label into events. Every way
     * a phone is created ends here (registration, {@code pim-phones}, the admin REST API and realm
     * import), so here the person's {@link PhoneMark} records that they have had a phone.
     */
    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PhoneCredentialModel credential) {
        String number = PhoneNumbers.normalize(credential.phoneNumber())
                .orElseThrow(() -> new ModelValidationException("A phone credential needs a valid E.164 phone number"));
        Set<DeliveryMethod> asked = credential.deliveryMethods().isEmpty()
                ? EnumSet.allOf(DeliveryMethod.class) : EnumSet.copyOf(credential.deliveryMethods());
        Set<DeliveryMethod> methods = EnumSet.copyOf(asked);
        methods.retainAll(PhoneNumberInput.methodsFor(number, PhoneRegistrationPolicy.of(realm).moreNumberTypes()));
        if (methods.isEmpty()) {
            // A type no method may reach (a premium or personal number, say): stored as asked, refused at every send.
            methods = asked;
        }
        DeliveryMethod preferred = methods.contains(credential.preferredMethod())
                ? credential.preferredMethod() : methods.iterator().next();
        Instant verifiedAt = credential.verifiedAt().toEpochMilli() > 0 ? credential.verifiedAt() : Instant.now();
        CredentialModel stored = user.credentialManager().createStoredCredential(
                PhoneCredentialModel.create(number, credential.label(), methods, preferred, verifiedAt));
        PhoneNumberIndex.add(session, realm, user, number);
        PhoneReset.settled(user);
        PhoneMetrics.phonesChanged("added", 1);
        return stored;
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        boolean removed = user.credentialManager().removeStoredCredentialById(credentialId);
        if (removed) {
            PhoneMetrics.phonesChanged("removed", 1);
        }
        return removed;
    }

    @Override
    public PhoneCredentialModel getCredentialFromModel(CredentialModel model) {
        return PhoneCredentialModel.createFromCredentialModel(model);
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("pimPhoneCredentialDisplayName")
                .helpText("pimPhoneCredentialHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(PhoneOtp.REGISTER_ACTION)
                .removeable(true)
                .build(session);
    }
}
