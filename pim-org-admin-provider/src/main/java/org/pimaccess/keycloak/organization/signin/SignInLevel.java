package org.pimaccess.keycloak.organization.signin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The levels an organization can ask of its members, lowest first, named by their acr. */
public enum SignInLevel {
    PHONE_OTP, PASSKEY;

    /** The acr, also the name in the API: {@code phone-otp} or {@code passkey}. */
    public String acr() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<SignInLevel> ofAcr(String acr) {
        return Arrays.stream(values()).filter(level -> level.acr().equals(acr)).findFirst();
    }

    public SignInLevel atLeast(SignInLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
