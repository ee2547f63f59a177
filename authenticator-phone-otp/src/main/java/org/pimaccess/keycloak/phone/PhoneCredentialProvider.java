package org.pimaccess.keycloak.phone;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Stores and reads phone credentials; codes are checked by the authenticator, not here. */
public class PhoneCredentialProvider implements CredentialProvider<PhoneCredentialModel> {

    /** The required action that registers a phone. */
    public static final String REGISTER_ACTION = "phone-register";

    private final KeycloakSession session;

    public PhoneCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PhoneCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
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
                .createAction(REGISTER_ACTION)
                .removeable(true)
                .build(session);
    }
}
