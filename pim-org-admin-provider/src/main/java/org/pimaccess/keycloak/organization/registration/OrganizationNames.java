package org.pimaccess.keycloak.organization.registration;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.ibm.icu.text.SpoofChecker;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Names people type for their organization, and the unique alias derived from them. A registered name is
 * plain text, because it reaches other people: invitation mails, admin pages, tokens. It is
 * NFKC-normalized (full-width letters become plain ones), made of letters, digits, spaces and common
 * punctuation, with no zero-width or bidi characters and no markup, and at most {@link #MAX_LENGTH}
 * characters, and not shaped like a domain ("acme-sso.net"), which a mail reader would take for a link.
 *
 * <p>"Taken" compares look-alikes: the Unicode confusable skeleton (UTS #39, ICU4J's {@link SpoofChecker})
 * of the name after width and case folding, ignoring punctuation and spacing. So beside "Acme" none of
 * "ACME", "Аcme" (Cyrillic А), "Acme." or "Acme-" may be registered, nor "Acme lnc" beside "Acme Inc".
 * Each registered organization keeps its skeleton as the attribute {@link #SKELETON_ATTRIBUTE}, so the
 * check is one attribute lookup, not a walk over all organizations.
 */
final class OrganizationNames {

    static final String SKELETON_ATTRIBUTE = "pim.name-skeleton";
    static final int MAX_LENGTH = 100;
    static final int MAX_ALIAS_LENGTH = 40;
    static final String PUNCTUATION = ".,'’&()-–+!?#";
    private static final int SUFFIX_TRIES = 20;
    private static final int PAGE = 100;
    /** Labels joined by dots, ending in a top-level-domain-like label of two letters or more. */
    private static final Pattern DOMAIN = Pattern.compile(
            "[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,63}");
    /** Thread-safe for skeletons; building it loads ICU's confusables data once. */
    private static final SpoofChecker SPOOF_CHECKER = new SpoofChecker.Builder().build();

    private OrganizationNames() {
    }

    /** NFKC-normalized, trimmed, inner whitespace collapsed, control characters dropped; never null. */
    static String clean(String typed) {
        if (typed == null) {
            return "";
        }
        String normalized = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        return normalized.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "").trim();
    }

    /** The message key of what is wrong with a cleaned name, or null when it may be registered. */
    static String problemWith(String name) {
        if (name.isEmpty()) {
            return "pimOrganizationNameMissing";
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return "pimOrganizationNameTooLong";
        }
        if (!name.codePoints().allMatch(OrganizationNames::allowed) || skeleton(name).isEmpty()) {
            return "pimOrganizationNameInvalid";
        }
        if (Arrays.stream(name.split(" ")).anyMatch(word -> DOMAIN.matcher(word).matches())) {
            return "pimOrganizationNameDomain";
        }
        return null;
    }

    private static boolean allowed(int c) {
        return Character.isLetter(c) || Character.isDigit(c) || c == ' ' || PUNCTUATION.indexOf(c) >= 0
                || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    /**
     * What "the same name" means: letters and digits of the NFKC form, upper-cased (so that "I" and "l"
     * meet in the skeleton whatever case was typed), mapped to their UTS #39 confusable skeleton, then
     * lower-cased. Punctuation and spacing do not count.
     */
    static String skeleton(String name) {
        String folded = lettersAndDigits(Normalizer.normalize(name, Normalizer.Form.NFKC)).toUpperCase(Locale.ROOT);
        return lettersAndDigits(SPOOF_CHECKER.getSkeleton(folded)).toLowerCase(Locale.ROOT);
    }

    private static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /**
     * Whether an organization with a look-alike name exists: one registered here, found by its stored
     * skeleton; or one a realm admin created (which has no stored skeleton), among those Keycloak's name
     * search finds for the name, compared by skeleton page by page.
     */
    static boolean taken(OrganizationProvider organizations, String name) {
        String skeleton = skeleton(name);
        if (organizations.getAllStream(Map.of(SKELETON_ATTRIBUTE, skeleton), 0, 1).findAny().isPresent()
                || organizations.getAllStream(name, true, 0, 1).findAny().isPresent()) {
            return true;
        }
        for (int first = 0; ; first += PAGE) {
            List<OrganizationModel> page = organizations.getAllStream(name, false, first, PAGE).toList();
            if (page.stream().anyMatch(organization -> skeleton.equals(skeleton(organization.getName())))) {
                return true;
            }
            if (page.size() < PAGE) {
                return false;
            }
        }
    }

    /** Keeps the organization's skeleton, for {@link #taken}. */
    static void remember(OrganizationModel organization) {
        organization.setAttributes(Map.of(SKELETON_ATTRIBUTE, List.of(skeleton(organization.getName()))));
    }

    /** A URL-safe alias from the name ({@code "Müller & Söhne"} gives {@code "muller-sohne"}). */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.length() > MAX_ALIAS_LENGTH) {
            slug = slug.substring(0, MAX_ALIAS_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "org" : slug;
    }

    /** The slug, or the slug with the first free numeric suffix; a random one if those are all taken. */
    static String freeAlias(OrganizationProvider organizations, String name) {
        String base = slug(name);
        if (organizations.getByAlias(base) == null) {
            return base;
        }
        for (int n = 2; n < 2 + SUFFIX_TRIES; n++) {
            String candidate = base + "-" + n;
            if (organizations.getByAlias(candidate) == null) {
                return candidate;
            }
        }
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
