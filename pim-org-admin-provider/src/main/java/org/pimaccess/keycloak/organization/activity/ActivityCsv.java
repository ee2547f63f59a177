package org.pimaccess.keycloak.organization.activity;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trail as CSV (RFC 4180: comma-separated, CRLF line ends, a header line, quotes doubled; UTF-8), safe to open
 * in a spreadsheet however it splits lines into cells (OWASP's CSV-injection rules). Every field is in double quotes,
 * so a spreadsheet that splits on {@code ;} (Excel in German, French or Dutch) keeps a field whole; and every place
 * where a cell could begin, the field's start and each point after a {@code ,}, {@code ;}, tab or line break inside
 * it (a reader that ignores the quotes starts a cell there), gets an apostrophe before an {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return, so no cell runs as a formula: it shows as text.
 */
public final class ActivityCsv {

    static final List<String> HEADER = List.of("time", "actor_id", "actor_username", "actor_name", "actor_realm_admin",
            "action", "target_id", "target_username", "target_name", "target_email", "roles_before", "roles_after", "reason",
            "policy_before", "policy_after");

    private static final String FORMULA_START = "=+-@\t\r";
    private static final String CELL_BREAK = ",;\t\r\n";

    private ActivityCsv() {
    }

    public static String of(List<ActivityEntry> entries) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        entries.forEach(entry -> line(csv, List.of(entry.time(), text(entry.actor().id()), text(entry.actor().username()),
                text(entry.actor().name()), Boolean.toString(entry.actor().realmAdmin()), entry.action(),
                text(entry.target().id()), text(entry.target().username()), text(entry.target().name()),
                text(entry.target().email()), String.join(" ", entry.roles().before()),
                String.join(" ", entry.roles().after()), text(entry.reason()),
                entry.policy() == null ? "" : entry.policy().before().text(),
                entry.policy() == null ? "" : entry.policy().after().text())));
        return csv.toString();
    }

    /** One field, neutralized and quoted. */
    static String field(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        boolean cellStart = true;
        for (char c : value.toCharArray()) {
            if (cellStart && FORMULA_START.indexOf(c) >= 0) {
                text.append('\'');
            }
            text.append(c == '"' ? "\"\"" : String.valueOf(c));
            cellStart = CELL_BREAK.indexOf(c) >= 0;
        }
        return text.append('"').toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        csv.append(fields.stream().map(ActivityCsv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String text(String value) {
        return Stream.ofNullable(value).findFirst().orElse("");
    }
}
