package org.pimaccess.keycloak.it.harness;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts {@link PimKeycloak} once per test run, in the root context's store, so every test class
 * shares one server. JUnit closes it when the run ends, whether tests passed or failed.
 */
public class PimKeycloakExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PimKeycloakExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PimKeycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return environment(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        PimKeycloak environment = context.getRoot().getStore(NAMESPACE).get(PimKeycloak.class, PimKeycloak.class);
        if (environment != null) {
            System.err.println(context.getDisplayName() + " failed; the Keycloak server log is kept at " + environment.serverLog());
        }
    }

    private static PimKeycloak environment(ExtensionContext context) {
        CpuHog.startIfAsked();
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PimKeycloak.class, key -> PimKeycloak.start(), PimKeycloak.class);
    }
}
