package org.pimaccess.keycloak.it.chromium;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * For browser test classes, which take a {@link Browsers} parameter. Without Chromium they are skipped
 * with a visible message, except where {@code CI} is set: there they fail. A failing test leaves the
 * screenshot and page source of each browser it opened under {@code target/browser-failures/}.
 */
public class ChromiumExtension implements BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChromiumExtension.class);
    static final Path FAILURES = Path.of("target", "browser-failures");

    @Override
    public void beforeAll(ExtensionContext context) {
        String unavailable = Chromium.unavailableBecause();
        if (unavailable == null) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser tests, but " + unavailable);
        }
        System.err.println("SKIPPED " + context.getDisplayName() + ": " + unavailable);
        Assumptions.abort(unavailable);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browsers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Browsers.class, key -> new Browsers(), Browsers.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Browsers browsers = context.getStore(NAMESPACE).get(Browsers.class, Browsers.class);
        if (browsers != null && context.getExecutionException().isPresent()) {
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            browsers.keepEvidence(FAILURES, name);
            System.err.println(name + " failed; what the browser showed is in " + FAILURES.toAbsolutePath());
        }
    }
}
