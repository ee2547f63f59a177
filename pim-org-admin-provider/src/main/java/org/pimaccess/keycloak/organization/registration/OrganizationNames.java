package org.pimaccess.keycloak.organization.registration;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Names people type for their organization, and the unique alias derived from them. A registered name is
 * plain text, because it reaches other people: invitation mails, admin pages, tokens. It is
 * NFKC-normalized (full-width letters become plain ones), made of letters, digits, spaces and common
 * punctuation, with no zero-width or bidi characters and no markup, and at most {@link #MAX_LENGTH}
 * characters. "Taken" ignores case and width, so "ACME" cannot be registered beside "Acme".
 */
final class OrganizationNames {

    static final int MAX_LENGTH = 100;
    static final int MAX_ALIAS_LENGTH = 40;
    static final String PUNCTUATION = ".,'’&()-–+!?#";
    private static final int SUFFIX_TRIES = 20;
    private static final int PAGE = 100;

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
        if (!name.codePoints().allMatch(OrganizationNames::allowed)) {
            return "pimOrganizationNameInvalid";
        }
        return null;
    }

    private static boolean allowed(int c) {
        return Character.isLetter(c) || Character.isDigit(c) || c == ' ' || PUNCTUATION.indexOf(c) >= 0
                || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }

    /** What "the same name" means: NFKC, case folded, whitespace collapsed. */
    static String key(String name) {
        return clean(name).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether an organization with the same name, ignoring case and width, exists. Keycloak's name search
     * ignores case; its hits are compared by {@link #key}, page by page.
     */
    static boolean taken(OrganizationProvider organizations, String name) {
        if (organizations.getAllStream(name, true, 0, 1).findAny().isPresent()) {
            return true;
        }
        String key = key(name);
        for (int first = 0; ; first += PAGE) {
            List<OrganizationModel> page = organizations.getAllStream(name, false, first, PAGE).toList();
            if (page.stream().anyMatch(organization -> key.equals(key(organization.getName())))) {
                return true;
            }
            if (page.size() < PAGE) {
                return false;
            }
        }
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
