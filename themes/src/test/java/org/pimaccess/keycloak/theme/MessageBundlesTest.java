package org.pimaccess.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every message bundle of the pack (login, email and account theme {@code pim}, the providers'
 * {@code theme-resources}, the home page) speaks every language of {@link #LANGUAGES}: the same keys as
 * English, the same placeholders, and text that {@link MessageFormat} renders as written. A key added in
 * English only fails here, naming the bundle, the language and the key.
 */
class MessageBundlesTest {

    /** File suffixes: Keycloak looks a bundle up by {@code Locale.toString()}, so Brazilian Portuguese is pt_BR. */
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "nl", "pl", "pt_BR", "ja");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[,}]");
    /** An error code in the org-admin API's sources: the code given to ApiErrors or ApiError, or a body's "error". */
    private static final Pattern ORG_ADMIN_ERROR_CODE = Pattern.compile(
            "(?:(?:badRequest|forbidden|notFound|conflict|tooSoon|new ApiError)\\(|ApiErrors\\.error\\([^,]+,\\s*|\"error\",\\s*)\"([a-z_]+)\"");
    /** 401 makes the page sign in again; {@code not_found} answers only for the page's own files. */
    private static final Set<String> ORG_ADMIN_CODES_THE_PAGE_NEVER_SHOWS = Set.of("unauthorized", "not_found");
    /** The web pages' bundles are filled in by their scripts, not by MessageFormat: apostrophes stay single there. */
    private static final List<String> SCRIPT_BUNDLES = List.of("pim-home-ui", "pim-org-admin-ui");

    @Test
    void everyBundleHasEveryKeyInEveryLanguage() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path folder : bundleFolders()) {
            Map<String, String> english = load(folder.resolve("messages_en.properties"));
            for (String language : LANGUAGES) {
                Path file = folder.resolve("messages_" + language + ".properties");
                if (!Files.exists(file)) {
                    problems.add(name(file) + ": missing");
                    continue;
                }
                Map<String, String> texts = load(file);
                english.keySet().stream().filter(key -> !texts.containsKey(key))
                        .forEach(key -> problems.add(name(file) + ": no key " + key));
                texts.keySet().stream().filter(key -> !english.containsKey(key))
                        .forEach(key -> problems.add(name(file) + ": key " + key + " is not in English"));
                texts.entrySet().stream().filter(entry -> entry.getValue().isBlank())
                        .forEach(entry -> problems.add(name(file) + ": " + entry.getKey() + " is empty"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTranslationKeepsThePlaceholdersOfEnglish() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path folder : bundleFolders()) {
            Map<String, String> english = load(folder.resolve("messages_en.properties"));
            for (String language : LANGUAGES) {
                Path file = folder.resolve("messages_" + language + ".properties");
                if (!Files.exists(file)) {
                    continue;
                }
                load(file).forEach((key, text) -> {
                    if (english.containsKey(key) && !placeholders(text).equals(placeholders(english.get(key)))) {
                        problems.add(name(file) + ": " + key + " has placeholders " + placeholders(text)
                                + ", English has " + placeholders(english.get(key)));
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void messageFormatRendersEveryTextAsWritten() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path folder : bundleFolders()) {
            if (SCRIPT_BUNDLES.stream().anyMatch(folder.toString()::contains)) {
                continue;
            }
            for (Path file : bundles(folder)) {
                load(file).forEach((key, text) -> {
                    // MessageFormat eats a single apostrophe and quotes what follows it: write ’ or ''.
                    if (text.replace("''", "").contains("'")) {
                        problems.add(name(file) + ": " + key + " has a single apostrophe");
                    }
                    try {
                        new MessageFormat(text);
                    } catch (IllegalArgumentException e) {
                        problems.add(name(file) + ": " + key + " is no MessageFormat pattern: " + e.getMessage());
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    /** One vocabulary: the sign-in pages and home name the delivery methods with the same words. */
    @Test
    void theSignInPagesAndHomeNameTheMethodsAlike() throws IOException {
        for (String language : LANGUAGES) {
            Map<String, String> home = load(ROOT.resolve("pim-home-provider/src/main/resources/pim-home-ui/messages/messages_"
                    + language + ".properties"));
            Map<String, String> login = load(ROOT.resolve(
                    "authenticator-phone-otp/src/main/resources/theme-resources/messages/messages_" + language + ".properties"));
            assertThat(login.get("pimPhoneOtpMethod_voice")).as(language).isEqualTo(home.get("pimHome.method.voice"));
            assertThat(login.get("pimPhoneOtpMethod_sms").toLowerCase(Locale.ROOT)).as(language)
                    .contains(home.get("pimHome.method.sms").toLowerCase(Locale.ROOT));
        }
    }

    /** One vocabulary: home and the org-admin page name a session's strength with the same words. */
    @Test
    void homeAndTheOrgAdminPageNameStrengthsAlike() throws IOException {
        for (String language : LANGUAGES) {
            Map<String, String> home = load(ROOT.resolve("pim-home-provider/src/main/resources/pim-home-ui/messages/messages_"
                    + language + ".properties"));
            Map<String, String> orgAdmin = load(ROOT.resolve(
                    "pim-org-admin-provider/src/main/resources/pim-org-admin-ui/messages/messages_" + language + ".properties"));
            for (String key : List.of("strength", "strength.phone-otp", "strength.password", "strength.passkey", "strength.none", "signOut", "phones")) {
                assertThat(orgAdmin.get("pimOrgAdmin." + key)).as(language + " " + key).isEqualTo(home.get("pimHome." + key));
            }
        }
    }

    /**
     * The org-admin page words every error code its API answers in its own texts ({@code pimOrgAdmin.error.<code>}),
     * and has no text for a code the API no longer answers. The codes are read from the API's sources.
     */
    @Test
    void theOrgAdminPageHasATextForEveryErrorCodeOfItsApi() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("pim-org-admin-provider/src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                ORG_ADMIN_ERROR_CODE.matcher(Files.readString(file)).results()
                        .map(m -> m.group(1)).forEach(codes::add);
            }
        }
        assertThat(codes).as("codes found in the sources").contains("last_admin", "organization_busy", "email_failed")
                .hasSizeGreaterThan(25);
        codes.removeAll(ORG_ADMIN_CODES_THE_PAGE_NEVER_SHOWS);
        Set<String> worded = load(ROOT.resolve("pim-org-admin-provider/src/main/resources/pim-org-admin-ui/messages/messages_en.properties"))
                .keySet().stream().filter(key -> key.startsWith("pimOrgAdmin.error."))
                .map(key -> key.substring("pimOrgAdmin.error.".length())).collect(Collectors.toCollection(TreeSet::new));
        assertThat(worded).isEqualTo(codes);
    }

    @Test
    void theRealmAndTheThemesOfferEveryLanguage() throws IOException {
        Set<String> tags = LANGUAGES.stream().map(language -> language.replace('_', '-')).collect(Collectors.toSet());
        String realm = Files.readString(ROOT.resolve("realm-export.json"));
        Matcher supported = Pattern.compile("\"supportedLocales\"\\s*:\\s*\\[([^]]*)]").matcher(realm);
        assertThat(supported.find()).isTrue();
        assertThat(Pattern.compile("\"([^\"]+)\"").matcher(supported.group(1)).results().map(m -> m.group(1)))
                .containsExactlyInAnyOrderElementsOf(tags);
        for (String type : List.of("login", "email", "account")) {
            Properties theme = new Properties();
            try (Reader in = Files.newBufferedReader(ROOT.resolve("themes/src/main/resources/theme/pim/" + type + "/theme.properties"))) {
                theme.load(in);
            }
            assertThat(theme.getProperty("locales").split(",")).as(type).containsExactlyInAnyOrderElementsOf(tags);
        }
    }

    /** The dist JAR appends each module's theme-resources bundle of a language into one; without that, one module's wins. */
    @Test
    void theDistJarAppendsTheThemeResourcesOfEveryLanguage() throws IOException {
        String dist = Files.readString(ROOT.resolve("dist/pom.xml"));
        for (String language : LANGUAGES) {
            assertThat(dist).as(language).contains("<resource>theme-resources/messages/messages_" + language + ".properties</resource>");
        }
    }

    private static Set<Integer> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> Integer.parseInt(m.group(1))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> bundleFolders() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> folders = files.filter(path -> path.getFileName().toString().equals("messages_en.properties"))
                    .filter(path -> path.toString().contains("/src/main/resources/"))
                    .map(Path::getParent).sorted().toList();
            assertThat(folders).hasSizeGreaterThanOrEqualTo(7);
            return folders;
        }
    }

    private static List<Path> bundles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().matches("messages_.*\\.properties")).sorted().toList();
        }
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> texts = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return texts;
    }

    private static String name(Path file) {
        return ROOT.relativize(file).toString();
    }
}
