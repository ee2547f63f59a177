package org.pimaccess.keycloak.organization.activity;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trail as CSV (RFC 4180: comma-separated, CRLF line ends, a header line, fields in double quotes
 * when they hold a quote, comma or line break, quotes doubled; UTF-8). A field that a spreadsheet would
 * run as a formula, one beginning with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
 * return, is written with a leading apostrophe, the way OWASP advises, so it shows as text.
 */
public final class ActivityCsv {

    static final List<String> HEADER = List.of("time", "actor_id", "actor_username", "actor_name", "actor_realm_admin",
            "action", "target_id", "target_username", "target_name", "target_email", "roles_before", "roles_after", "reason");

    private ActivityCsv() {
    }

    public static String of(List<ActivityEntry> entries) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        entries.forEach(entry -> line(csv, List.of(entry.time(), text(entry.actor().id()), text(entry.actor().username()),
                text(entry.actor().name()), Boolean.toString(entry.actor().realmAdmin()), entry.action(),
                text(entry.target().id()), text(entry.target().username()), text(entry.target().name()),
                text(entry.target().email()), String.join(" ", entry.roles().before()),
                String.join(" ", entry.roles().after()), text(entry.reason()))));
        return csv.toString();
    }

    /** One field, neutralized and quoted as needed. */
    static String field(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.chars().anyMatch(c -> c == '"' || c == ',' || c == '\n' || c == '\r');
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static void line(StringBuilder csv, List<String> fields) {
        csv.append(fields.stream().map(ActivityCsv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String text(String value) {
        return Stream.ofNullable(value).findFirst().orElse("");
    }
}
