package org.pimaccess.keycloak.trust;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link TrustedBrowserLimit}. */
public interface TrustedBrowserLimitFactory extends ProviderFactory<TrustedBrowserLimit> {
}
