package org.pimaccess.keycloak.sender.aws;

import java.net.URI;
import java.time.Duration;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every AWS sender is configured with. Credentials always come from the AWS default chain
 * (environment, system properties, profile, container or instance role).
 *
 * @param maxAttempts 1 by default: a retried call after a timeout may deliver a second code, and the
 *                    user can press Resend instead
 */
record AwsClientSettings(String region, URI endpointOverride, Duration connectTimeout, Duration callTimeout,
                         int maxAttempts) {

    static final String REGION = "region";
    static final String ENDPOINT_OVERRIDE = "endpoint-override";
    static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
    static final String CALL_TIMEOUT_MS = "call-timeout-ms";
    static final String MAX_ATTEMPTS = "max-attempts";

    static AwsClientSettings from(Config.Scope config) {
        String endpoint = config.get(ENDPOINT_OVERRIDE);
        return new AwsClientSettings(
                config.get(REGION),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                Duration.ofMillis(config.getInt(CONNECT_TIMEOUT_MS, 2000)),
                Duration.ofMillis(config.getInt(CALL_TIMEOUT_MS, 5000)),
                Math.max(1, config.getInt(MAX_ATTEMPTS, 1)));
    }

    /** Applies these settings and the explicit HTTP client, so the SDK never goes looking for one. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(callTimeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(callTimeout)
                        .retryStrategy(retry -> retry.maxAttempts(maxAttempts))
                        .build());
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.trim()));
        }
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    static ProviderConfigurationBuilder properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(REGION).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("AWS region, for example eu-west-1. Empty: the AWS default region chain.").add()
                .property().name(ENDPOINT_OVERRIDE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Send API calls to this URL instead of AWS, for a local fake such as LocalStack.").add()
                .property().name(CONNECT_TIMEOUT_MS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(2000)
                .helpText("Milliseconds to open a connection to AWS.").add()
                .property().name(CALL_TIMEOUT_MS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5000)
                .helpText("Milliseconds one send may take in all, retries included. The user waits this long at most.").add()
                .property().name(MAX_ATTEMPTS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1)
                .helpText("Attempts per send. More than 1 can deliver a code twice when a call times out.").add();
    }
}
