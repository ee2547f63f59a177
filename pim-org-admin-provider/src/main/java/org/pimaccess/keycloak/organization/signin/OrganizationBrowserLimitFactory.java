package org.pimaccess.keycloak.organization.signin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.pimaccess.keycloak.trust.TrustedBrowserLimit;
import org.pimaccess.keycloak.trust.TrustedBrowserLimitFactory;

/** Trusted-browser limit {@value #PROVIDER_ID}: organizations' sign-in policies (see {@link OrganizationBrowserLimit}). */
public class OrganizationBrowserLimitFactory implements TrustedBrowserLimitFactory {

    public static final String PROVIDER_ID = "pim-organization";

    @Override
    public TrustedBrowserLimit create(KeycloakSession session) {
        return OrganizationBrowserLimit.INSTANCE;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
