package org.pimaccess.keycloak.organization.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.BiFunction;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.pimaccess.keycloak.organization.OrgMetrics;
import org.pimaccess.keycloak.organization.activity.ActivityCsv;
import org.pimaccess.keycloak.organization.activity.ActivityEntry;
import org.pimaccess.keycloak.organization.activity.ActivityTrail;

/**
 * {@code GET .../organizations/{orgId}/activity} (JSON) and {@code .../activity.csv}: the organization's
 * activity trail, newest first, under the same caller rules as every other call of the API (admin of that
 * organization, {@code acr=phone-otp}, a token for this API). {@code from} and {@code to} are ISO dates
 * ({@code 2026-12-01}: the whole UTC day) or instants ({@code 2026-12-01T08:00:00Z}), both inclusive;
 * {@code first} and {@code max} page as elsewhere (max 1000, default 100).
 */
@Produces(MediaType.WILDCARD)
public class ActivityResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    static final String CSV = "text/csv; charset=utf-8; header=present";

    private final KeycloakSession session;
    private final BiFunction<Caller, String, OrganizationModel> administered;
    private final String orgId;
    private final boolean csv;

    ActivityResource(KeycloakSession session, BiFunction<Caller, String, OrganizationModel> administered, String orgId,
            boolean csv) {
        this.session = session;
        this.administered = administered;
        this.orgId = orgId;
        this.csv = csv;
    }

    @GET
    public Response read(@QueryParam("first") String first, @QueryParam("max") String max,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return OrgMetrics.measured(csv ? "activity_csv" : "activity", () -> {
            OrganizationModel organization = administered.apply(Caller.of(session), orgId);
            Long fromMillis = instant("from", from, false);
            Long toMillis = instant("to", to, true);
            if (fromMillis != null && toMillis != null && fromMillis > toMillis) {
                throw ApiErrors.badRequest("invalid_date", "\"from\" must not be after \"to\".");
            }
            List<ActivityEntry> entries = new ActivityTrail(session).read(organization,
                    OrgAdminResource.page("first", first, 0, Integer.MAX_VALUE),
                    OrgAdminResource.page("max", max, DEFAULT_PAGE, MAX_PAGE), fromMillis, toMillis);
            if (!csv) {
                return Response.ok(entries, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
            }
            String file = "activity-" + organization.getAlias().replaceAll("[^A-Za-z0-9-]", "-") + ".csv";
            return Response.ok(ActivityCsv.of(entries).getBytes(StandardCharsets.UTF_8), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        });
    }

    /** An ISO date (its first or, for {@code to}, last millisecond in UTC) or instant, in epoch millis. */
    private static Long instant(String parameter, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                        - (endOfDay ? 1 : 0);
            }
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiErrors.badRequest("invalid_date", "\"" + parameter + "\" must be an ISO date (2026-12-01) or "
                    + "instant (2026-12-01T08:00:00Z).");
        }
    }
}
