package org.pimaccess.keycloak.phone;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class PhoneCredentialProviderFactory implements CredentialProviderFactory<PhoneCredentialProvider> {

    public static final String PROVIDER_ID = "phone";

    @Override
    public CredentialProvider<PhoneCredentialModel> create(KeycloakSession session) {
        return new PhoneCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
