package org.pimaccess.keycloak.trust;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: see {@link TrustedBrowserLimit}. */
public class TrustedBrowserLimitSpi implements Spi {

    public static final String NAME = "pim-trusted-browser-limit";

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return TrustedBrowserLimit.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TrustedBrowserLimitFactory.class;
    }
}
