package org.pimaccess.keycloak.it.chromium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the npm package pinned in the integration-tests POM ({@code axe.version}), run inside Chromium
 * on the page as it is: the WCAG 2.0, 2.1 and 2.2 A and AA rules. Each finding is one line naming the rule,
 * the element (axe's CSS selector) and where it was seen; an expected finding is left out only by its exact
 * rule and selector.
 */
public final class Axe {

    /** axe's tags for the WCAG 2.0/2.1/2.2 A and AA success criteria. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");
    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations"] })
              .then((results) => done({ version: axe.version, violations: results.violations.flatMap((rule) =>
                rule.nodes.map((node) => ({ rule: rule.id, impact: rule.impact || "", target: node.target.join(" "),
                  help: rule.help })))}))
              .catch((error) => done({ error: String(error) }));""";

    private final String script;
    private final String version;

    private Axe(String script, String version) {
        this.script = script;
        this.version = version;
    }

    /** The pinned axe-core that the build fetched (see the POM's axe-core profile). */
    public static Axe pinned() {
        Path file = Path.of(System.getProperty("pim.axe.script", "target/axe-core/node_modules/axe-core/axe.min.js"));
        String version = System.getProperty("pim.axe.version", "");
        try {
            String script = Files.readString(file);
            if (!script.startsWith("/*! axe v" + version + "\n")) {
                throw new IllegalStateException(file + " is not axe-core " + version + "; delete target/axe-core and build again");
            }
            return new Axe(script, version);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is not at " + file + " (the POM's axe-core profile fetches it with npm)", e);
        }
    }

    public String version() {
        return version;
    }

    /**
     * The page as shown now, checked at desktop and at phone size (the window resized, not reloaded): one line
     * per violation, "rule (impact): selector on what at size", except those named in {@code expected} as
     * "rule selector".
     */
    public List<String> check(Chromium chromium, String what, Set<String> expected) {
        List<String> found = new ArrayList<>();
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            chromium.driver().manage().window().setSize(size);
            found.addAll(run(chromium, what + " at " + size.width + "x" + size.height, expected));
        }
        chromium.driver().manage().window().setSize(DESKTOP);
        return found;
    }

    @SuppressWarnings("unchecked")
    private List<String> run(Chromium chromium, String where, Set<String> expected) {
        JavascriptExecutor js = (JavascriptExecutor) chromium.driver();
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (Boolean.FALSE.equals(js.executeScript("return typeof axe !== 'undefined';"))) {
            js.executeScript(script);
        }
        Map<String, Object> answer = (Map<String, Object>) js.executeAsyncScript(RUN, TAGS);
        if (answer.containsKey("error")) {
            throw new IllegalStateException("axe failed on " + where + ": " + answer.get("error"));
        }
        if (!version.equals(answer.get("version"))) {
            throw new IllegalStateException("axe " + answer.get("version") + " ran instead of " + version);
        }
        List<String> found = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) answer.get("violations")) {
            String rule = (String) violation.get("rule");
            String target = (String) violation.get("target");
            if (!expected.contains(rule + " " + target)) {
                found.add(rule + " (" + violation.get("impact") + "): " + target + " on " + where + " - " + violation.get("help"));
            }
        }
        return found;
    }
}
