package org.pimaccess.keycloak.organization;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The organization meters, in the Micrometer registry Keycloak serves at {@code /metrics}
 * ({@code --metrics-enabled=true}): {@code pim_org_first_admin_total} and
 * {@code pim_org_admin_requests_total{operation, status}}. Labels come from fixed sets (the API's
 * operations and HTTP status codes), never an organization, a user or an address.
 */
public final class OrgMetrics {

    private static final Counter FIRST_ADMINS = Counter.builder("pim.org.first.admin")
            .description("Members who became their organization's first admin")
            .register(Metrics.globalRegistry);
    private static final Meter.MeterProvider<Counter> REQUESTS = Counter.builder("pim.org.admin.requests")
            .description("Org-admin API requests, by operation and HTTP status")
            .withRegistry(Metrics.globalRegistry);

    private OrgMetrics() {
    }

    public static void firstAdmin() {
        FIRST_ADMINS.increment();
    }

    /** Runs an org-admin API call and counts it by operation and the status it answers with. */
    public static <T> T measured(String operation, Supplier<T> call) {
        try {
            T result = call.get();
            request(operation, result instanceof Response response ? response.getStatus() : Response.Status.OK.getStatusCode());
            return result;
        } catch (WebApplicationException e) {
            request(operation, e.getResponse().getStatus());
            throw e;
        } catch (RuntimeException e) {
            request(operation, Response.Status.INTERNAL_SERVER_ERROR.getStatusCode());
            throw e;
        }
    }

    private static void request(String operation, int status) {
        REQUESTS.withTags("operation", operation, "status", Integer.toString(status)).increment();
    }
}
