package org.pimaccess.keycloak.phone;

import java.util.Map;

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

    /**
     * The level an {@code acr} stands for in an ACR-to-LoA map: its mapped level, or the acr itself when it
     * is a number (Keycloak writes the level when the map has no name for it); null for anything else.
     */
    public static Integer levelOf(String acr, Map<String, Integer> levels) {
        if (acr == null) {
            return null;
        }
        Integer level = levels.get(acr);
        if (level != null) {
            return level;
        }
        try {
            return Integer.valueOf(acr);
        } catch (NumberFormatException notALevel) {
            return null;
        }
    }
}
