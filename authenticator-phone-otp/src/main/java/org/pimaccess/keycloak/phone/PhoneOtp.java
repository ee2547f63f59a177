package org.pimaccess.keycloak.phone;

/**
 * The names by which the rest of Keycloak, and the pack's other modules, know phone OTP. They are public
 * contract (realm exports, applications' {@code acr_values} and {@code kc_action} use them).
 */
public final class PhoneOtp {

    /** The acr value of a phone-OTP sign-in, mapped to a level in the realm's or client's ACR-to-LoA map. */
    public static final String ACR = "phone-otp";

    /** The required action that registers and verifies a phone. */
    public static final String REGISTER_ACTION = "phone-register";

    private PhoneOtp() {
    }
}
