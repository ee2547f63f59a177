package org.pimaccess.keycloak.sender.aws;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.pimaccess.keycloak.sender.CallLimit;
import org.pimaccess.keycloak.sender.PhoneMessageSender;
import org.pimaccess.keycloak.sender.PhoneMessageSenderFactory;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What every AWS sender factory does alike: read the shared options, hold one SDK client and one
 * bulkhead for the life of the server, close the client at shutdown. A subclass names its client, its own options and its
 * per-request sender.
 */
abstract class AwsSenderFactory<C extends SdkAutoCloseable> implements PhoneMessageSenderFactory {

    private LazyClient<C> client;
    private CallLimit callLimit;

    /** Builds the service client from the shared settings; called once, on first use. */
    protected abstract C buildClient(AwsClientSettings settings);

    /** Reads the sender's own options. */
    protected abstract void readOptions(Config.Scope config);

    /** Adds the sender's own options to the shared ones, for the server's configuration listing. */
    protected abstract ProviderConfigurationBuilder addOptions(ProviderConfigurationBuilder shared);

    protected abstract PhoneMessageSender create(LazyClient<C> client);

    @Override
    public final PhoneMessageSender create(KeycloakSession session) {
        return create(client);
    }

    @Override
    public final void init(Config.Scope config) {
        AwsClientSettings settings = AwsClientSettings.from(config);
        client = new LazyClient<>(() -> buildClient(settings));
        callLimit = CallLimit.from(config);
        readOptions(config);
    }

    @Override
    public final CallLimit callLimit() {
        return callLimit;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return addOptions(CallLimit.addOption(AwsClientSettings.properties())).build();
    }
}
