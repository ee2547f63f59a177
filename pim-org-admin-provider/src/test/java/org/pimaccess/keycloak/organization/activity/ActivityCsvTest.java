package org.pimaccess.keycloak.organization.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Actor;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Policy;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.PolicyChange;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Roles;
import org.pimaccess.keycloak.organization.activity.ActivityEntry.Target;

class ActivityCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasStartWithAnApostropheInsideQuotes() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(ActivityCsv.field(formula)).as(formula).isEqualTo("\"'" + formula + "\"");
        }
        assertThat(ActivityCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ActivityCsv.field("plain")).isEqualTo("\"plain\"");
        assertThat(ActivityCsv.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(ActivityCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ActivityCsv.field("")).isEqualTo("\"\"");
        assertThat(ActivityCsv.field("1-2 = 3")).as("only where a cell could begin").isEqualTo("\"1-2 = 3\"");
    }

    @Test
    void aSemicolonOrCommaInsideAFieldStartsNoFormulaInASpreadsheetThatSplitsThere() {
        assertThat(ActivityCsv.field("Audit;=1+2;@SUM(A1)")).isEqualTo("\"Audit;'=1+2;'@SUM(A1)\"");
        assertThat(ActivityCsv.field("a,-1,+2")).isEqualTo("\"a,'-1,'+2\"");
        assertThat(ActivityCsv.field("x\t=1\n@2")).isEqualTo("\"x\t'=1\n'@2\"");
    }

    @Test
    void aTrailIsAHeaderAndOneCrlfLinePerEntry() {
        ActivityEntry entry = new ActivityEntry("2026-12-02T08:00:00Z", new Actor("a1", "ann", "Ann Admin", false),
                "member_suspended", new Target("t1", "tom", "Tom", null), new Roles(List.of("pim-editor", "pim-viewer"), List.of()),
                "Left, for now", null);

        String csv = ActivityCsv.of(List.of(entry));

        assertThat(csv).isEqualTo("\"" + String.join("\",\"", ActivityCsv.HEADER) + "\"\r\n"
                + "\"2026-12-02T08:00:00Z\",\"a1\",\"ann\",\"Ann Admin\",\"false\",\"member_suspended\",\"t1\",\"tom\",\"Tom\","
                + "\"\",\"pim-editor pim-viewer\",\"\",\"Left, for now\",\"\",\"\"\r\n");
    }

    @Test
    void aSignInPolicyChangeShowsThePolicyBeforeAndAfter() {
        ActivityEntry entry = new ActivityEntry("2026-12-07T20:00:00Z", new Actor("a1", "ann", "Ann Admin", false),
                "sign_in_policy_changed", new Target(null, null, null, null), new Roles(List.of(), List.of()), null,
                new PolicyChange(new Policy("phone-otp", 30), new Policy("passkey", 0)));

        String csv = ActivityCsv.of(List.of(entry));

        assertThat(csv).endsWith(",\"sign_in_policy_changed\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
                + "\"phone-otp 30\",\"passkey 0\"\r\n");
    }
}
