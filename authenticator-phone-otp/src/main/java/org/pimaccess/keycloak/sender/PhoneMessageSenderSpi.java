package org.pimaccess.keycloak.sender;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: senders configure with {@code --spi-phone-message-sender--<provider>--<option>=value}. */
public class PhoneMessageSenderSpi implements Spi {

    public static final String NAME = "phone-message-sender";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PhoneMessageSender.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PhoneMessageSenderFactory.class;
    }
}
