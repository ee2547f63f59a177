package org.pimaccess.demo;

import java.util.Arrays;
import java.util.Locale;

/**
 * The realm's acr ladder, weakest first: {@code password} &lt; {@code phone-otp} &lt; {@code passkey}.
 * An acr this application does not know, or none at all, counts as below everything.
 */
public enum SessionStrength {
    UNKNOWN(null),
    PASSWORD("password"),
    PHONE_OTP("phone-otp"),
    PASSKEY("passkey");

    private final String acr;

    SessionStrength(String acr) {
        this.acr = acr;
    }

    public static SessionStrength ofAcr(String acr) {
        return Arrays.stream(values()).filter(strength -> strength.acr != null && strength.acr.equals(acr))
                .findFirst().orElse(UNKNOWN);
    }

    public boolean isAtLeast(SessionStrength required) {
        return compareTo(required) >= 0;
    }

    /** The acr value, or {@code null} for {@link #UNKNOWN}. */
    public String acr() {
        return acr;
    }

    /** The key of this strength's human name in {@code messages.properties}. */
    public String messageKey() {
        return "strength." + keySuffix();
    }

    /** The key of the sentence that says how the person signed in. */
    public String helpKey() {
        return "strength.help." + keySuffix();
    }

    private String keySuffix() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
