package org.pimaccess.keycloak.sender.aws;

import java.util.function.Supplier;

import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One SDK client per factory, built on first use rather than at server start, so a server that
 * never sends through AWS needs no AWS region or credentials. Closed with the factory.
 */
final class LazyClient<C extends SdkAutoCloseable> implements AutoCloseable {

    private final Supplier<C> builder;
    private volatile C client;

    LazyClient(Supplier<C> builder) {
        this.builder = builder;
    }

    C get() {
        C current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = builder.get();
                    client = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
