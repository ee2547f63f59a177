package org.pimaccess.keycloak.organization.signin;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.pimaccess.keycloak.trust.TrustedBrowserLimit;

/**
 * What a person's active organizations ask of their sign-in: the highest level, the organizations that ask it
 * (none at {@code phone-otp}, which leaves the level to the application), and the fewest days any of them lets a
 * browser be trusted ({@link TrustedBrowserLimit#UNLIMITED} when none set a number).
 *
 * <p>Read once per sign-in: the first reader stores it in the authentication-session note {@value #NOTE}, with the
 * person's id, and every later reader of the same sign-in about the same person (the flow step, the trusted-browser
 * limit) takes it from there.
 */
public record PersonPolicy(SignInLevel level, List<String> organizationIds, int trustedBrowserDays) {

    static final String NOTE = "pim.org-sign-in-policy";
    static final PersonPolicy NONE = new PersonPolicy(SignInLevel.PHONE_OTP, List.of(), TrustedBrowserLimit.UNLIMITED);

    /** The person's policy: from this sign-in's note when it is about them, else read and, in a sign-in, noted. */
    public static PersonPolicy of(KeycloakSession session, UserModel user) {
        AuthenticationSessionModel signIn = session.getContext().getAuthenticationSession();
        String noted = signIn == null ? null : signIn.getAuthNote(NOTE);
        String prefix = user.getId() + "|";
        if (noted != null && noted.startsWith(prefix)) {
            return parse(noted.substring(prefix.length()));
        }
        PersonPolicy policy = new SignInPolicies(session).ofPerson(user);
        if (signIn != null && signIn.getAuthenticatedUser() != null && user.getId().equals(signIn.getAuthenticatedUser().getId())) {
            signIn.setAuthNote(NOTE, prefix + policy.note());
        }
        return policy;
    }

    /**
     * What these active organizations ask together, given the policies of those that set one: the highest level and
     * who asks it, and the fewest trusted-browser days any of them set.
     */
    static PersonPolicy of(Collection<String> activeOrganizationIds, Map<String, SignInPolicy> policies) {
        Map<String, SignInPolicy> active = new TreeMap<>();
        activeOrganizationIds.forEach(id -> active.put(id, policies.getOrDefault(id, SignInPolicy.DEFAULT)));
        SignInLevel level = active.values().stream().map(SignInPolicy::level)
                .reduce(SignInLevel.PHONE_OTP, SignInLevel::atLeast);
        List<String> asking = level == SignInLevel.PHONE_OTP ? List.of() : active.entrySet().stream()
                .filter(entry -> entry.getValue().level() == level)
                .map(Map.Entry::getKey)
                .toList();
        int days = active.values().stream()
                .map(SignInPolicy::trustedBrowserDays)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .min()
                .orElse(TrustedBrowserLimit.UNLIMITED);
        return new PersonPolicy(level, asking, days);
    }

    String note() {
        return level.acr() + "|" + trustedBrowserDays + "|" + String.join(",", organizationIds);
    }

    static PersonPolicy parse(String note) {
        String[] parts = note.split("\\|", -1);
        return new PersonPolicy(SignInLevel.ofAcr(parts[0]).orElse(SignInLevel.PHONE_OTP),
                parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(",")), Integer.parseInt(parts[1]));
    }
}
