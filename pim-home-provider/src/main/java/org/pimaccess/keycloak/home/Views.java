package org.pimaccess.keycloak.home;

import java.util.List;

/** The JSON shapes of {@code api/me} and {@code api/messages} (see the module README for the contract). */
final class Views {

    private Views() {
    }

    /**
     * {@code raiseTo}: null from phone OTP on; below it, the level that shows the rest, which is then left out.
     * {@code organizationsRequire}: the acr every sign-in of the person needs because of their active organizations'
     * sign-in policies ({@code passkey}), null when they leave the level to the application.
     */
    record Me(String username, String name, String email, String acr, String locale,
              List<OrganizationView> organizations, List<PhoneView> phones, List<PasskeyView> passkeys,
              PasswordView password, List<ApplicationView> applications, String raiseTo, String organizationsRequire,
              List<TrustedBrowserView> trustedBrowsers) {

        /** A session below phone OTP: the name, the session's acr and language, and the level to raise to. */
        static Me belowPhoneOtp(String name, String acr, String locale, String raiseTo) {
            return new Me(null, name, null, acr, locale, List.of(), List.of(), List.of(), null, List.of(), raiseTo, null,
                    List.of());
        }
    }

    /** {@code suspended}: null, or since when and whom to ask; a suspended member's {@code roles} are empty. */
    record OrganizationView(String id, String name, String alias, boolean enabled, boolean admin, List<RoleView> roles,
                            SuspendedView suspended) {
    }

    /** Since when (ISO 8601, UTC) the person is suspended, and who suspended them: the one to ask first. */
    record SuspendedView(String since, String askName, String askEmail) {
    }

    /** A role by its name and its human name: the client role's description, localized. */
    record RoleView(String name, String label) {
    }

    /** A phone, masked: never the full number. */
    record PhoneView(String id, String label, String maskedNumber, List<String> deliveryMethods) {
    }

    /**
     * A passkey (Keycloak's passwordless WebAuthn credential): its name, when it was added and when it last signed the
     * person in (epoch ms; null when not since it was added).
     */
    record PasskeyView(String id, String label, Long createdAt, Long lastUsedAt) {
    }

    /**
     * A browser the person trusted: which browser on which system, when it was trusted, last stood in for a code and
     * expires (epoch ms), and whether it is the browser asking.
     */
    record TrustedBrowserView(String id, String browser, String os, long createdAt, long lastUsedAt, long expiresAt,
                              boolean current) {
    }

    record PasswordView(boolean set, Long updatedAt) {
    }

    /** {@code acrSatisfied}: whether the caller's session already has the strength the application asks for. */
    record ApplicationView(String clientId, String name, String description, String url, String requiredAcr,
                           boolean acrSatisfied) {
    }
}
