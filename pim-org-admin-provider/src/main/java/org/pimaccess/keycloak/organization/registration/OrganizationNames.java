package org.pimaccess.keycloak.organization.registration;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

import org.keycloak.organization.OrganizationProvider;

/** Names people type for their organization, and the unique alias derived from them. */
final class OrganizationNames {

    static final int MAX_ALIAS_LENGTH = 40;
    private static final int SUFFIX_TRIES = 20;

    private OrganizationNames() {
    }

    /** Trimmed, inner whitespace collapsed, control characters dropped; never null. */
    static String clean(String typed) {
        if (typed == null) {
            return "";
        }
        return typed.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "").trim();
    }

    static boolean taken(OrganizationProvider organizations, String name) {
        return organizations.getAllStream(name, true, 0, 1).findAny().isPresent();
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
