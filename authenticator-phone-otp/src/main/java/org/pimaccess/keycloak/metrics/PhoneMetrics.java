package org.pimaccess.keycloak.metrics;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.pimaccess.keycloak.phone.DeliveryMethod;

/**
 * The pack's phone meters, in the Micrometer registry Keycloak serves on its management port
 * ({@code --metrics-enabled=true}, {@code /metrics}); without it they cost next to nothing. Every label
 * comes from a small fixed set (provider ids, methods, outcomes, reasons): never a user, a number, a
 * country, an address or a code.
 *
 * <table>
 *   <tr><th>Prometheus name</th><th>labels</th></tr>
 *   <tr><td>{@code pim_phone_messages_total}</td><td>sender, method, outcome ({@code sent} or a gateway reason)</td></tr>
 *   <tr><td>{@code pim_phone_gateway_seconds}</td><td>sender, method (timer with histogram buckets; gateway calls
 *   only, so a message the bulkhead turned away, outcome {@code busy}, is counted but not timed)</td></tr>
 *   <tr><td>{@code pim_phone_sends_refused_total}</td><td>reason</td></tr>
 *   <tr><td>{@code pim_phone_code_checks_total}</td><td>flow ({@code sign_in}, {@code registration}), outcome</td></tr>
 *   <tr><td>{@code pim_phones_total}</td><td>change ({@code added}, {@code removed}, {@code reset})</td></tr>
 * </table>
 */
public final class PhoneMetrics {

    private static final Meter.MeterProvider<Counter> MESSAGES = Counter.builder("pim.phone.messages")
            .description("Messages handed to a gateway, by sender, method and outcome")
            .withRegistry(Metrics.globalRegistry);
    private static final Meter.MeterProvider<Timer> GATEWAY = Timer.builder("pim.phone.gateway")
            .description("Time a gateway call took, by sender and method")
            .publishPercentileHistogram()
            // 2.5 s is the threshold of the gateway-latency alert (docs/monitoring); make it a bucket edge.
            .serviceLevelObjectives(Duration.ofMillis(2500))
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .withRegistry(Metrics.globalRegistry);
    private static final Meter.MeterProvider<Counter> REFUSED = Counter.builder("pim.phone.sends.refused")
            .description("Sends refused before any gateway call, by reason")
            .withRegistry(Metrics.globalRegistry);
    private static final Meter.MeterProvider<Counter> CODE_CHECKS = Counter.builder("pim.phone.code.checks")
            .description("Typed codes checked, by flow and outcome")
            .withRegistry(Metrics.globalRegistry);
    private static final Meter.MeterProvider<Counter> PHONES = Counter.builder("pim.phones")
            .description("Phones added, removed or reset")
            .withRegistry(Metrics.globalRegistry);

    /** The outcome of a message a gateway accepted. */
    public static final String SENT = "sent";

    private PhoneMetrics() {
    }

    /** One gateway call: its outcome ({@code sent} or a reason) and how long it took. */
    public static void gatewayCall(String sender, DeliveryMethod method, String outcome, Duration took) {
        MESSAGES.withTags("sender", sender, "method", method.formValue(), "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
        GATEWAY.withTags("sender", sender, "method", method.formValue()).record(took);
    }

    /** A message the sender's bulkhead turned away: no gateway call, so nothing to time. */
    public static void refusedBusy(String sender, DeliveryMethod method) {
        MESSAGES.withTags("sender", sender, "method", method.formValue(), "outcome", "busy").increment();
    }

    public static void sendRefused(String reason) {
        REFUSED.withTags("reason", reason.toLowerCase(Locale.ROOT)).increment();
    }

    public static void codeChecked(String flow, String outcome) {
        CODE_CHECKS.withTags("flow", flow, "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }

    public static void phonesChanged(String change, int count) {
        PHONES.withTags("change", change).increment(count);
    }
}
